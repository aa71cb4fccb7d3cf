; Inno Setup 6 (6.3 or newer) script for Anju's Windows setup program.
;
; Built by `installer/build windows` on Windows, or by hand after the bundle:
;   iscc /DAppVersion=0.1.0 installer\windows\anju.iss
; The version comes from pyproject.toml through the build script; see
; installer/README.md.  Saved as UTF-8 with a byte-order mark so the
; compiler reads the Chinese names right.  Output: dist\anju-VERSION-setup.exe.
;
; Per-user install (no administrator rights): %LOCALAPPDATA%\Programs\Anju,
; a Start-menu entry, and an uninstaller in "Apps".  The user's data lives in
; %LOCALAPPDATA%\anju, which this setup never installs to, so uninstalling
; keeps it and an upgrade (same AppId) finds it and migrates it at first start.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z installer\windows\anju.iss
#endif

#define AppName "Anju"
#define AppNameZh "安居"
#define BundleDir "..\..\dist\anju"
#define GuiExe "anju.exe"
#define CliExe "anju-cli.exe"

[Setup]
; Never change AppId: it is how an upgrade finds the installed copy.
AppId={{6F1E3B52-8C4D-4C1E-9E0B-2A7D5B3C9A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Anju
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppNameZh}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppNameZh} {#AppName} {#AppVersion}
SetupIconFile=..\..\resources\icons\anju.ico
OutputDir=..\..\dist
OutputBaseFilename=anju-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=yes

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so files an older version had do not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\{#GuiExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppNameZh}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Comment: "易地扶贫搬迁后续扶持 乡镇工作站"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent
