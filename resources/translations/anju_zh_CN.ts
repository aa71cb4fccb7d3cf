<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdminPage</name>
    <message>
        <source>First administrator</source>
        <translation>第一位管理员</translation>
    </message>
    <message>
        <source>The township administrator manages grids, users and devices. Keep the password safe: nobody can read it back.</source>
        <translation>乡镇管理员负责管理网格、用户和设备。请妥善保管密码：任何人都无法查看已设置的密码。</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>至少%1位</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Anju cannot open the database</source>
        <translation>安居无法打开数据库</translation>
    </message>
    <message>
        <source>Building the demo township, please wait…</source>
        <translation>正在创建演示乡镇，请稍候……</translation>
    </message>
    <message>
        <source>The demo township could not be built (%1). Set up a real township instead.</source>
        <translation>演示乡镇创建失败（%1）。请改为设置真实乡镇。</translation>
    </message>
</context>
<context>
    <name>AreaPage</name>
    <message>
        <source>County and township</source>
        <translation>县和乡镇</translation>
    </message>
    <message>
        <source>Names and administrative division codes (GB/T 2260) of your county and township.</source>
        <translation>填写本县和本乡镇的名称及行政区划代码（GB/T 2260）。</translation>
    </message>
    <message>
        <source>e.g. 永顺县</source>
        <translation>例如：永顺县</translation>
    </message>
    <message>
        <source>6 digits, e.g. 433127</source>
        <translation>6位数字，例如：433127</translation>
    </message>
    <message>
        <source>e.g. 灵溪镇</source>
        <translation>例如：灵溪镇</translation>
    </message>
    <message>
        <source>9 digits, starting with the county code</source>
        <translation>9位数字，前6位为县级代码</translation>
    </message>
    <message>
        <source>County name</source>
        <translation>县名称</translation>
    </message>
    <message>
        <source>County code</source>
        <translation>县级区划代码</translation>
    </message>
    <message>
        <source>Township name</source>
        <translation>乡镇名称</translation>
    </message>
    <message>
        <source>Township code</source>
        <translation>乡镇区划代码</translation>
    </message>
</context>
<context>
    <name>AttachmentDialog</name>
    <message>
        <source>Add a file to the household&apos;s record</source>
        <translation>为本户存档材料</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>材料类型</translation>
    </message>
    <message>
        <source>Date (taken, signed or issued)</source>
        <translation>日期（拍摄、签订或颁发）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Choose a photo or a PDF scan</source>
        <translation>选择照片或PDF扫描件</translation>
    </message>
    <message>
        <source>Photos and scans (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>照片和扫描件 (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <source>Kind</source>
        <translation>材料类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Add a file…</source>
        <translation>存档材料…</translation>
    </message>
    <message>
        <source>Print the index…</source>
        <translation>打印材料目录…</translation>
    </message>
    <message>
        <source>Save the index as PDF</source>
        <translation>将材料目录保存为PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <source>Share seen this month</source>
        <translation>本月走访率</translation>
    </message>
    <message>
        <source>Households seen</source>
        <translation>已走访户数</translation>
    </message>
    <message>
        <source>Zero-employment households</source>
        <translation>零就业家庭</translation>
    </message>
    <message>
        <source>Employed labourers</source>
        <translation>已就业劳动力</translation>
    </message>
    <message>
        <source>Monitored households</source>
        <translation>监测户</translation>
    </message>
    <message>
        <source>Overdue work orders</source>
        <translation>超期工单</translation>
    </message>
    <message>
        <source>Old houses past deadline</source>
        <translation>旧房超期</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 返回上一级</translation>
    </message>
    <message>
        <source>Double-click a row to see what it is made of.</source>
        <translation>双击一行查看明细。</translation>
    </message>
    <message>
        <source>Trend:</source>
        <translation>趋势：</translation>
    </message>
    <message>
        <source>Close the month…</source>
        <translation>月度结转…</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>My grids</source>
        <translation>我的网格</translation>
    </message>
    <message>
        <source>%1 households</source>
        <translation>%1户</translation>
    </message>
    <message>
        <source>Total: %1 households, %2 persons, %3 labourers (%4 in work), %5 zero-employment, %6 seen this month (%7%), %8 overdue orders</source>
        <translation>合计：%1户，%2人，劳动力%3人（已就业%4人），零就业家庭%5户，本月已走访%6户（%7%），超期工单%8件</translation>
    </message>
    <message>
        <source>No grids yet — an administrator creates them on the Grids and buildings tab.</source>
        <translation>还没有网格 — 请管理员在“网格与楼栋”页新建网格。</translation>
    </message>
    <message>
        <source>Not in a grid</source>
        <translation>未划入网格</translation>
    </message>
    <message>
        <source>No building</source>
        <translation>无楼栋</translation>
    </message>
    <message>
        <source>%1 is closed.</source>
        <translation>%1已结转。</translation>
    </message>
    <message>
        <source>%1 is not closed yet.</source>
        <translation>%1未结转。</translation>
    </message>
    <message>
        <source>seen</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>zero-employment</source>
        <translation>零就业</translation>
    </message>
    <message>
        <source>overdue orders</source>
        <translation>超期工单</translation>
    </message>
    <message>
        <source>%1 against %2: </source>
        <translation>%1比%2：</translation>
    </message>
    <message>
        <source>Close the month again?</source>
        <translation>重新结转？</translation>
    </message>
    <message>
        <source>Close again</source>
        <translation>重新结转</translation>
    </message>
    <message>
        <source>%1 closed: %2 households, %3 seen.</source>
        <translation>%1已结转：共%2户，已走访%3户。</translation>
    </message>
</context>
<context>
    <name>BoardTable</name>
    <message>
        <source>All seen</source>
        <translation>已全覆盖</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>进度正常</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>滞后</translation>
    </message>
    <message>
        <source>No households</source>
        <translation>无住户</translation>
    </message>
    <message>
        <source>Not in a grid</source>
        <translation>未划入网格</translation>
    </message>
    <message>
        <source>No building</source>
        <translation>无楼栋</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>劳动力</translation>
    </message>
    <message>
        <source>Labourers (full, skilled or partial labour)</source>
        <translation>劳动力人数（普通、技能、弱或半劳动力）</translation>
    </message>
    <message>
        <source>Employed</source>
        <translation>已就业</translation>
    </message>
    <message>
        <source>Labourers in work (wage work, self-employed, public welfare post)</source>
        <translation>已就业的劳动力（务工、自主创业、公益性岗位）</translation>
    </message>
    <message>
        <source>Zero emp.</source>
        <translation>零就业</translation>
    </message>
    <message>
        <source>Households with labour and nobody in work</source>
        <translation>有劳动力但无人就业的家庭</translation>
    </message>
    <message>
        <source>Monitored</source>
        <translation>监测户</translation>
    </message>
    <message>
        <source>Households under return-to-poverty monitoring</source>
        <translation>纳入防返贫监测的住户</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>已走访</translation>
    </message>
    <message>
        <source>Households visited this month (share)</source>
        <translation>本月已走访户数（走访率）</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>走访进度</translation>
    </message>
    <message>
        <source>This month&apos;s round against the days gone by</source>
        <translation>本月走访进度与已过天数相比</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Open work orders</source>
        <translation>未办结工单</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Work orders past their deadline</source>
        <translation>超过时限的工单</translation>
    </message>
    <message>
        <source>Old house</source>
        <translation>旧房超期</translation>
    </message>
    <message>
        <source>Old houses past the demolition or reclamation deadline</source>
        <translation>超过拆除或复垦复绿时限的旧房</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Flat</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Employed labourers / labourers</source>
        <translation>已就业劳动力/劳动力</translation>
    </message>
    <message>
        <source>Not seen</source>
        <translation>未走访</translation>
    </message>
    <message>
        <source>Visited this month</source>
        <translation>本月是否走访</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需关注</translation>
    </message>
    <message>
        <source>Zero employment</source>
        <translation>零就业</translation>
    </message>
    <message>
        <source>Overdue order</source>
        <translation>工单超期</translation>
    </message>
    <message>
        <source>Old house overdue</source>
        <translation>旧房超期</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>楼栋长</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>安置方式</translation>
    </message>
    <message>
        <source>Chief</source>
        <translation>点长</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>配套设施</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>账号类型</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改数</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before both edits</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>Value that stands</source>
        <translation>现行值</translation>
    </message>
    <message>
        <source>One side</source>
        <translation>一方</translation>
    </message>
    <message>
        <source>Other side</source>
        <translation>另一方</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>%1, type your current password, then the new one twice.</source>
        <translation>%1，请先输入当前密码，再把新密码输入两次。</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>至少 %1 位</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check the rows</source>
        <translation>检查各行</translation>
    </message>
    <message>
        <source>Nothing has been written yet.</source>
        <translation>尚未写入任何数据。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Household code</source>
        <translation>户编号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Rows that cannot be taken</source>
        <translation>不合格的行</translation>
    </message>
    <message>
        <source>Each household</source>
        <translation>各户结果</translation>
    </message>
    <message>
        <source>First rows of the file</source>
        <translation>文件前几行</translation>
    </message>
    <message>
        <source>Import every valid row and list the others</source>
        <translation>导入全部合格行，列出不合格行</translation>
    </message>
    <message>
        <source>Import nothing unless every row is valid</source>
        <translation>有任何一行不合格就全部不导入</translation>
    </message>
    <message>
        <source>Keep the report in:</source>
        <translation>导入报告保存到：</translation>
    </message>
    <message>
        <source>%v of %m households</source>
        <translation>%v / %m 户</translation>
    </message>
    <message>
        <source>-import-report</source>
        <translation>-导入报告</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>How does this workstation start?</source>
        <translation>本机如何开始使用？</translation>
    </message>
    <message>
        <source>Set up a new township only if the county has none for you yet. A second workstation, or one replacing a lost one, joins with the county&apos;s enrolment file.</source>
        <translation>只有县里还没有本乡镇时才新建乡镇。第二台电脑，或替换丢失的电脑，请用县里下发的登记文件加入。</translation>
    </message>
    <message>
        <source>Set up a new township</source>
        <translation>新建乡镇</translation>
    </message>
    <message>
        <source>Join with the enrolment file from the county</source>
        <translation>使用县里下发的登记文件加入</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <source>the same value</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>Conflicts to review</source>
        <translation>待处理的同步冲突</translation>
    </message>
    <message>
        <source>No conflicts to review: every value written on two sides was merged.</source>
        <translation>没有待处理的冲突：两处写下的内容都已合并。</translation>
    </message>
    <message>
        <source>Keep the value that stands</source>
        <translation>保留现值</translation>
    </message>
    <message>
        <source>Take the other value</source>
        <translation>改用另一值</translation>
    </message>
    <message>
        <source>Type the right value…</source>
        <translation>填写正确的值…</translation>
    </message>
    <message>
        <source>Remove the second entry</source>
        <translation>删除重复登记的一条</translation>
    </message>
    <message>
        <source>Open the household</source>
        <translation>打开该户</translation>
    </message>
    <message>
        <source>Only the township administrator reviews conflicts.</source>
        <translation>只有乡镇管理员可以处理冲突。</translation>
    </message>
    <message>
        <source>%1 and %2 hold the same %3 (%4): the same person or thing entered twice?</source>
        <translation>%1 与 %2 的%3相同（%4）：是否重复登记？</translation>
    </message>
    <message>
        <source>Two laptops named different heads of this household; the one named last stays head and this member&apos;s relation was set to %1. Confirm, or type the right relation.</source>
        <translation>两台电脑为本户登记了不同的户主：后登记的仍为户主，这位成员的与户主关系已改为“%1”。请确认，或填写正确的关系。</translation>
    </message>
    <message>
        <source>%1 of %2 was %3; %4 wrote %5 at %6 and %7 wrote %8 at %9; %10 stands now.</source>
        <translation>%2的%1原为 %3；%4 于 %6 改为 %5，%7 于 %9 改为 %8；现在为 %10。</translation>
    </message>
    <message>
        <source>The right value</source>
        <translation>正确的值</translation>
    </message>
    <message>
        <source>%1 of %2:</source>
        <translation>%2的%1：</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Needs attention today</source>
        <translation>今日需关注</translation>
    </message>
    <message>
        <source>Open in the full list</source>
        <translation>在完整列表中打开</translation>
    </message>
    <message>
        <source>%1 — %2, figures for %3-%4</source>
        <translation>%1 — %2，%3年%4月数据</translation>
    </message>
    <message>
        <source>%1 households
in %2 grids of %3 sites</source>
        <translation>%1户
%3个安置点 %2个网格</translation>
    </message>
    <message>
        <source>%1 persons</source>
        <translation>%1人</translation>
    </message>
    <message>
        <source>%1 labourers
%2 in work</source>
        <translation>劳动力%1人
已就业%2人</translation>
    </message>
    <message>
        <source>%1 monitored
households</source>
        <translation>监测户
%1户</translation>
    </message>
    <message>
        <source>%1 seen this month
(%2%)</source>
        <translation>本月已走访%1户
（%2%）</translation>
    </message>
    <message>
        <source>%1 open work orders</source>
        <translation>未办结工单
%1件</translation>
    </message>
    <message>
        <source>Behind on this month&apos;s visits: %1</source>
        <translation>本月走访进度滞后：%1</translation>
    </message>
    <message>
        <source>Every grid keeps pace with this month&apos;s visits.</source>
        <translation>各网格本月走访进度正常。</translation>
    </message>
    <message>
        <source>No households yet — import a ledger or add households, and set up grids on the Grids page.</source>
        <translation>还没有住户 — 请导入台账或新增住户，并在“网格”页设置网格。</translation>
    </message>
    <message>
        <source>Click an item above to list its households.</source>
        <translation>点击上方任一项，列出相应住户。</translation>
    </message>
    <message>
        <source>Not seen this month</source>
        <translation>本月未走访</translation>
    </message>
    <message>
        <source>Zero-employment households</source>
        <translation>零就业家庭</translation>
    </message>
    <message>
        <source>Overdue work orders</source>
        <translation>超期工单</translation>
    </message>
    <message>
        <source>Old houses past deadline</source>
        <translation>旧房超期未拆/未复垦</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>件</translation>
    </message>
    <message>
        <source>households</source>
        <translation>户</translation>
    </message>
    <message>
        <source>needs action</source>
        <translation>需处理</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>已清零</translation>
    </message>
    <message>
        <source>Click to list them</source>
        <translation>点击列出明细</translation>
    </message>
    <message>
        <source>Households not seen this month</source>
        <translation>本月未走访的住户</translation>
    </message>
    <message>
        <source>Households with overdue work orders</source>
        <translation>有超期工单的住户</translation>
    </message>
    <message>
        <source>Households whose old house is past its deadline</source>
        <translation>旧房超过拆除或复垦时限的住户</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2户）</translation>
    </message>
    <message>
        <source>— the first %1 shown; open the full list for all.</source>
        <translation>— 仅显示前%1户，完整名单请在完整列表中查看。</translation>
    </message>
</context>
<context>
    <name>DeadlineNotifier</name>
    <message>
        <source>%1: the %2 deadline has passed</source>
        <translation>%1：%2时限已过</translation>
    </message>
    <message>
        <source>%1: the %2 deadline is near</source>
        <translation>%1：%2时限将到</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>%v of %m households</source>
        <translation>%v / %m 户</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Nothing was imported, because some rows cannot be taken.</source>
        <translation>因有不合格的行，本次未导入任何数据。</translation>
    </message>
    <message>
        <source>Ledger import report: %1</source>
        <translation>台账导入报告：%1</translation>
    </message>
    <message>
        <source>Report kept in %1</source>
        <translation>导入报告已保存：%1</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <source>Join with the county&apos;s enrolment file</source>
        <translation>使用县里的登记文件加入</translation>
    </message>
    <message>
        <source>The county creates one enrolment file for this workstation. It works once, and only for its township.</source>
        <translation>县里为本机生成一个登记文件。它只能用一次，且只适用于所属乡镇。</translation>
    </message>
    <message>
        <source>Choose the enrolment file…</source>
        <translation>选择登记文件…</translation>
    </message>
    <message>
        <source>Write the first package to a USB drive…</source>
        <translation>把第一个同步包写到U盘…</translation>
    </message>
    <message>
        <source>Import sync package…</source>
        <translation>导入同步包…</translation>
    </message>
    <message>
        <source>Sync over the network</source>
        <translation>联网同步</translation>
    </message>
    <message>
        <source>Choose the enrolment file</source>
        <translation>选择登记文件</translation>
    </message>
    <message>
        <source>Enrolled, and the county&apos;s package brought this township&apos;s records and accounts. Press Finish and log in with your usual account.</source>
        <translation>登记完成，县里的同步包已带来本乡镇的数据和账号。请点击“完成”，用您平时的账号登录。</translation>
    </message>
    <message>
        <source>Enrolled. The township&apos;s records and accounts have not arrived yet. If the county server is reachable, press &quot;Sync over the network&quot;. Otherwise write the first package to a USB drive and take it to the county; then import the package the county gives back.</source>
        <translation>登记完成。本乡镇的数据和账号尚未到达，暂时还不能登录。如能连上县级服务器，请点击“联网同步”；否则请把第一个同步包写到U盘，送到县里导入，再点击“导入同步包”导入县里发回的同步包。</translation>
    </message>
    <message>
        <source>Choose the USB drive</source>
        <translation>选择U盘</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>正在写入同步包…</translation>
    </message>
    <message>
        <source>Written and verified: %1. Take it to the county; then import the package the county gives back.</source>
        <translation>已写入并校验：%1。请送到县里导入，再导入县里发回的同步包。</translation>
    </message>
    <message>
        <source>Choose a package</source>
        <translation>选择同步包</translation>
    </message>
    <message>
        <source>Anju packages (*.anjupkg)</source>
        <translation>安居同步包 (*.anjupkg)</translation>
    </message>
    <message>
        <source>Importing the package…</source>
        <translation>正在导入同步包…</translation>
    </message>
    <message>
        <source>Syncing with the county…</source>
        <translation>正在与县里同步…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot continue</source>
        <translation>无法继续</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the ledger</source>
        <translation>选择台账文件</translation>
    </message>
    <message>
        <source>An .xlsx workbook with a header row (户编号, 姓名, 身份证号码…). Save an old .xls as .xlsx first.</source>
        <translation>含表头行（户编号、姓名、身份证号码…）的 .xlsx 文件。旧版 .xls 请先另存为 .xlsx。</translation>
    </message>
    <message>
        <source>Path of the .xlsx file</source>
        <translation>.xlsx 文件路径</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Open a ledger</source>
        <translation>打开台账</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Reading the workbook…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>%1 rows found.</source>
        <translation>共读到 %1 行。</translation>
    </message>
</context>
<context>
    <name>FiveOnesPanel</name>
    <message>
        <source>Five-ones</source>
        <translation>“五个一”</translation>
    </message>
    <message>
        <source>Employment goal</source>
        <translation>就业目标</translation>
    </message>
    <message>
        <source>Nothing asked of this household by the policy profile.</source>
        <translation>按本地政策，该户无此项要求。</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>尚缺：%1</translation>
    </message>
    <message>
        <source>All met</source>
        <translation>已全部达成</translation>
    </message>
    <message>
        <source>%1 of %2 needed</source>
        <translation>%1人（需%2人）</translation>
    </message>
</context>
<context>
    <name>GridsPage</name>
    <message>
        <source>Coverage board</source>
        <translation>覆盖看板</translation>
    </message>
    <message>
        <source>Grids and buildings</source>
        <translation>网格与楼栋</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>用户账号</translation>
    </message>
</context>
<context>
    <name>HistoryLabels</name>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>监测</translation>
    </message>
    <message>
        <source>Assistance measure</source>
        <translation>帮扶措施</translation>
    </message>
    <message>
        <source>Employment service</source>
        <translation>就业服务</translation>
    </message>
    <message>
        <source>File</source>
        <translation>档案材料</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>户编号</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>迁出村</translation>
    </message>
    <message>
        <source>Moved in</source>
        <translation>入住日期</translation>
    </message>
    <message>
        <source>Keys handed over</source>
        <translation>交钥匙日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Monitored category</source>
        <translation>监测类别</translation>
    </message>
    <message>
        <source>Monitored since</source>
        <translation>纳入监测日期</translation>
    </message>
    <message>
        <source>Reason for monitoring</source>
        <translation>纳入原因</translation>
    </message>
    <message>
        <source>Monitoring ended</source>
        <translation>退出监测日期</translation>
    </message>
    <message>
        <source>How the risk was cleared</source>
        <translation>风险消除方式</translation>
    </message>
    <message>
        <source>Old house</source>
        <translation>旧房状态</translation>
    </message>
    <message>
        <source>Hazard zone or dangerous house</source>
        <translation>地灾隐患区或危房</translation>
    </message>
    <message>
        <source>Demolished on</source>
        <translation>拆除日期</translation>
    </message>
    <message>
        <source>Reclaimed on</source>
        <translation>复垦复绿日期</translation>
    </message>
    <message>
        <source>Old house note</source>
        <translation>旧房备注</translation>
    </message>
    <message>
        <source>Property certificate</source>
        <translation>不动产权证</translation>
    </message>
    <message>
        <source>Vegetable plot</source>
        <translation>菜地</translation>
    </message>
    <message>
        <source>Income-raising industry</source>
        <translation>增收产业</translation>
    </message>
    <message>
        <source>Responsible cadre</source>
        <translation>包户干部</translation>
    </message>
    <message>
        <source>Cadre&apos;s phone</source>
        <translation>干部电话</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Resident ID</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Disability grade</source>
        <translation>残疾等级</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>劳动能力</translation>
    </message>
    <message>
        <source>Schooling</source>
        <translation>在校情况</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>就业状态</translation>
    </message>
    <message>
        <source>Place of work</source>
        <translation>就业地点</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>就业单位</translation>
    </message>
    <message>
        <source>Income / month</source>
        <translation>月收入</translation>
    </message>
    <message>
        <source>In work since</source>
        <translation>就业时间</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Wants training</source>
        <translation>培训意愿</translation>
    </message>
    <message>
        <source>Medical insurance</source>
        <translation>医保</translation>
    </message>
    <message>
        <source>Pension insurance</source>
        <translation>养老保险</translation>
    </message>
    <message>
        <source>Minimum living allowance</source>
        <translation>低保</translation>
    </message>
    <message>
        <source>Extreme hardship support</source>
        <translation>特困供养</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Income per head</source>
        <translation>人均纯收入</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Entered on</source>
        <translation>纳入日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Ended on</source>
        <translation>退出日期</translation>
    </message>
    <message>
        <source>Risk types</source>
        <translation>风险类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Resident ID</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Disability grade</source>
        <translation>残疾等级</translation>
    </message>
    <message>
        <source>Labour capacity</source>
        <translation>劳动能力</translation>
    </message>
    <message>
        <source>Schooling</source>
        <translation>在校情况</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>就业状态</translation>
    </message>
    <message>
        <source>Place of work</source>
        <translation>就业地点</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Monthly income (yuan)</source>
        <translation>月收入（元）</translation>
    </message>
    <message>
        <source>Employed since</source>
        <translation>就业时间</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Training wanted</source>
        <translation>培训意愿</translation>
    </message>
    <message>
        <source>Medical insurance</source>
        <translation>医疗保险</translation>
    </message>
    <message>
        <source>Pension insurance</source>
        <translation>养老保险</translation>
    </message>
    <message>
        <source>Minimum living allowance (dibao)</source>
        <translation>低保</translation>
    </message>
    <message>
        <source>Extreme-poverty support (tekun)</source>
        <translation>特困供养</translation>
    </message>
    <message>
        <source>Birth date, age and sex are read from the resident ID</source>
        <translation>出生日期、年龄和性别由身份证号码自动得出</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>成员 %1</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Born %1 · %2 years · %3</source>
        <translation>出生 %1 · %2岁 · %3</translation>
    </message>
    <message>
        <source>18 characters; the last may be X</source>
        <translation>18位，末位可能是X</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>如 %1</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>Grade %1</source>
        <translation>%1级</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Moved from (village)</source>
        <translation>迁出村</translation>
    </message>
    <message>
        <source>Keys handed over on</source>
        <translation>交钥匙日期</translation>
    </message>
    <message>
        <source>Moved in on</source>
        <translation>入住日期</translation>
    </message>
    <message>
        <source>Household category</source>
        <translation>户类别</translation>
    </message>
    <message>
        <source>Household phone</source>
        <translation>家庭电话</translation>
    </message>
    <message>
        <source>Responsible cadre</source>
        <translation>包户干部</translation>
    </message>
    <message>
        <source>Cadre&apos;s phone</source>
        <translation>干部电话</translation>
    </message>
    <message>
        <source>Income industry</source>
        <translation>增收产业</translation>
    </message>
    <message>
        <source>Household code</source>
        <translation>住户编号</translation>
    </message>
    <message>
        <source>Old house</source>
        <translation>旧房状态</translation>
    </message>
    <message>
        <source>Demolished on</source>
        <translation>拆除日期</translation>
    </message>
    <message>
        <source>Land reclaimed on</source>
        <translation>复垦复绿日期</translation>
    </message>
    <message>
        <source>Approval no. / note</source>
        <translation>审批文号/说明</translation>
    </message>
    <message>
        <source>Hazard zone or dangerous house</source>
        <translation>地灾隐患区或危房</translation>
    </message>
    <message>
        <source>Property certificate issued</source>
        <translation>已办不动产证</translation>
    </message>
    <message>
        <source>Has a vegetable plot</source>
        <translation>有菜地</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Add member (Ctrl+N)</source>
        <translation>添加成员（Ctrl+N）</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>Continue the draft</source>
        <translation>继续填写草稿</translation>
    </message>
    <message>
        <source>Discard the draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户信息</translation>
    </message>
    <message>
        <source>generated when empty</source>
        <translation>留空自动生成</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>新增住户</translation>
    </message>
    <message>
        <source>Edit household %1</source>
        <translation>编辑住户 %1</translation>
    </message>
    <message>
        <source>An unsaved draft of this form from %1 was found (the program may have closed unexpectedly). Continue where you stopped?</source>
        <translation>发现 %1 未保存的草稿（程序可能曾意外关闭）。是否从上次停下的地方继续填写？</translation>
    </message>
    <message>
        <source>Draft kept at %1</source>
        <translation>草稿已于 %1 自动保存</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Open that household</source>
        <translation>查看该户</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>The changes to this household are not saved. Discard them?</source>
        <translation>对该户的修改尚未保存，确定放弃吗？</translation>
    </message>
</context>
<context>
    <name>HouseholdFormDialog</name>
    <message>
        <source>Household form</source>
        <translation>住户登记</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <source>Back to the household list (Esc)</source>
        <translation>返回住户列表（Esc）</translation>
    </message>
    <message>
        <source>Flat</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Grid members</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Responsible cadre</source>
        <translation>包户干部</translation>
    </message>
    <message>
        <source>Household phone</source>
        <translation>户联系电话</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>户类别</translation>
    </message>
    <message>
        <source>Moved in</source>
        <translation>入住日期</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>迁出地</translation>
    </message>
    <message>
        <source>Old house</source>
        <translation>旧房</translation>
    </message>
    <message>
        <source>Property certificate</source>
        <translation>不动产权证</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Resident ID</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>劳动能力</translation>
    </message>
    <message>
        <source>Work or school</source>
        <translation>就业/就学</translation>
    </message>
    <message>
        <source>Income / month</source>
        <translation>月收入</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>Income per head / year</source>
        <translation>年人均纯收入</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>户编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation>档案材料（%1）</translation>
    </message>
    <message>
        <source>(no head)</source>
        <translation>（无户主）</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>自%1起</translation>
    </message>
    <message>
        <source>Not assigned to a grid</source>
        <translation>未划入网格</translation>
    </message>
    <message>
        <source> (leader)</source>
        <translation>（网格长）</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>已办理</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未办理</translation>
    </message>
    <message>
        <source>Members (%1)</source>
        <translation>家庭成员（%1）</translation>
    </message>
    <message>
        <source>Visits (%1)</source>
        <translation>走访记录（%1）</translation>
    </message>
    <message>
        <source>Work orders (%1)</source>
        <translation>诉求工单（%1）</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>变更记录（%1）</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>(by sync)</source>
        <translation>（同步）</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Income per head %1 → %2 yuan</source>
        <translation>人均收入 %1 → %2 元</translation>
    </message>
    <message>
        <source>a former member</source>
        <translation>原家庭成员</translation>
    </message>
    <message>
        <source>work</source>
        <translation>就业状况</translation>
    </message>
    <message>
        <source>place of work</source>
        <translation>就业地点</translation>
    </message>
    <message>
        <source>employer</source>
        <translation>就业单位</translation>
    </message>
    <message>
        <source>income / month</source>
        <translation>月收入</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1&apos;s %2: %3 → %4</source>
        <translation>%1的%2：%3 → %4</translation>
    </message>
    <message>
        <source>%1 room %2</source>
        <translation>%1 %2室</translation>
    </message>
    <message>
        <source>%1 unit %2 room %3</source>
        <translation>%1%2单元%3</translation>
    </message>
    <message>
        <source>%1 yuan</source>
        <translation>%1元</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>This resident ID is not valid; correct it in the survey</source>
        <translation>身份证号码有误，请在入户调查中更正</translation>
    </message>
    <message>
        <source> (grade %1)</source>
        <translation>（%1级）</translation>
    </message>
    <message>
        <source>Skills: %1</source>
        <translation>技能：%1</translation>
    </message>
    <message>
        <source>Wants training: %1</source>
        <translation>培训意愿：%1</translation>
    </message>
    <message>
        <source>Medical insurance</source>
        <translation>医疗保险</translation>
    </message>
    <message>
        <source>Pension insurance</source>
        <translation>养老保险</translation>
    </message>
    <message>
        <source>Minimum living allowance</source>
        <translation>低保</translation>
    </message>
    <message>
        <source>Extreme hardship support</source>
        <translation>特困供养</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>Click to sort by this column; click again to reverse</source>
        <translation>点击按此列排序，再点击一次倒序</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>户编号</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Building / flat</source>
        <translation>楼栋房号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>户类别</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>监测状态</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Moved in</source>
        <translation>入住日期</translation>
    </message>
    <message>
        <source>%1 room %2</source>
        <translation>%1 %2室</translation>
    </message>
    <message>
        <source>%1 unit %2 room %3</source>
        <translation>%1%2单元%3</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <source>Amber</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿</translation>
    </message>
    <message>
        <source>member: %1</source>
        <translation>成员：%1</translation>
    </message>
    <message>
        <source>ID of %1</source>
        <translation>%1的身份证号</translation>
    </message>
    <message>
        <source>phone of %1</source>
        <translation>%1的电话</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n member(s)</source>
        <translation>
            <numerusform>%1，全家%n人</numerusform>
        </translation>
    </message>
    <message>
        <source>Found by %1</source>
        <translation>按%1找到</translation>
    </message>
    <message>
        <source>Red: high risk, visit soon</source>
        <translation>红色：高风险，尽快走访</translation>
    </message>
    <message>
        <source>Amber: watch</source>
        <translation>黄色：需关注</translation>
    </message>
    <message>
        <source>Green: stable</source>
        <translation>绿色：稳定</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>Search: name, pinyin initials (zsf), resident ID, phone, flat or code</source>
        <translation>搜索：姓名、拼音首字母（如 zsf）、身份证号、电话、房号或户编号</translation>
    </message>
    <message>
        <source>Type to search; Down arrow to the list, Enter to open</source>
        <translation>输入即搜索；按↓进入列表，按回车打开</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Household category</source>
        <translation>户类别</translation>
    </message>
    <message>
        <source>Monitoring status</source>
        <translation>监测状态</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部户类别</translation>
    </message>
    <message>
        <source>Any monitoring status</source>
        <translation>全部监测状态</translation>
    </message>
    <message>
        <source>Monitored (any category)</source>
        <translation>监测户（全部类型）</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Any risk level</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <source>Risk: red</source>
        <translation>风险：红</translation>
    </message>
    <message>
        <source>Risk: amber</source>
        <translation>风险：黄</translation>
    </message>
    <message>
        <source>Risk: green</source>
        <translation>风险：绿</translation>
    </message>
    <message>
        <source>Monitoring alert</source>
        <translation>监测预警</translation>
    </message>
    <message>
        <source>Any monitoring alert</source>
        <translation>全部监测预警</translation>
    </message>
    <message>
        <source>Income per head under the line</source>
        <translation>人均收入低于监测线</translation>
    </message>
    <message>
        <source>Zero-employment household</source>
        <translation>零就业家庭</translation>
    </message>
    <message>
        <source>Serious illness or disability without 低保</source>
        <translation>大病或重度残疾未纳入低保</translation>
    </message>
    <message>
        <source>Old house past its deadline (demolition or reclamation)</source>
        <translation>旧房逾期（未拆除或未复垦）</translation>
    </message>
    <message>
        <source>Old house not demolished in time</source>
        <translation>旧房逾期未拆除</translation>
    </message>
    <message>
        <source>Land not reclaimed in time</source>
        <translation>拆后逾期未复垦</translation>
    </message>
    <message>
        <source>Income per head down sharply</source>
        <translation>人均收入大幅下降</translation>
    </message>
    <message>
        <source>Someone lost a job</source>
        <translation>有人失业</translation>
    </message>
    <message>
        <source>Keys handed over, not moved in</source>
        <translation>交钥匙后逾期未入住</translation>
    </message>
    <message>
        <source>Two assurances, three guarantees: a problem</source>
        <translation>两不愁三保障有问题</translation>
    </message>
    <message>
        <source>Five-ones not met</source>
        <translation>五个一未达标</translation>
    </message>
    <message>
        <source>Households missing one of the five-ones</source>
        <translation>“五个一”尚有未达标项的户</translation>
    </message>
    <message>
        <source>Not visited this month</source>
        <translation>本月未走访</translation>
    </message>
    <message>
        <source>Households with no visit this calendar month</source>
        <translation>本自然月还没有走访记录的户</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>清除搜索和筛选</translation>
    </message>
    <message>
        <source>All households</source>
        <translation>全部住户</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>全部安置点</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>%1 households</source>
        <translation>共 %1 户</translation>
    </message>
    <message>
        <source>There are no households yet — import a ledger or add a household</source>
        <translation>还没有住户 — 导入台账或新增住户</translation>
    </message>
    <message>
        <source>There are no households in your grids yet — import a ledger or add a household</source>
        <translation>本网格还没有住户 — 导入台账或新增住户</translation>
    </message>
    <message>
        <source>No household matches — check the spelling, or clear the search and filters</source>
        <translation>没有符合条件的住户 — 请检查输入，或清除搜索和筛选</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>New work order</source>
        <translation>受理诉求</translation>
    </message>
    <message>
        <source>Continue the draft</source>
        <translation>继续填写</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Caller&apos;s phone number or name (pinyin works)</source>
        <translation>来电号码或姓名（可输拼音）</translation>
    </message>
    <message>
        <source>Find household</source>
        <translation>查找住户</translation>
    </message>
    <message>
        <source>No household chosen (a caller from outside)</source>
        <translation>未选住户（非本辖区来电）</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>What the resident asks, in their words</source>
        <translation>群众反映的问题，尽量用原话</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Building, unit, room</source>
        <translation>楼栋、单元、房号</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>For a caller without a household: the grid that takes it</source>
        <translation>来电人不是本辖区住户时，由哪个网格承办</translation>
    </message>
    <message>
        <source>— the household&apos;s grid —</source>
        <translation>— 按住户所在网格 —</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Someone must go on site</source>
        <translation>需要到现场</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>No household found: take the call without one</source>
        <translation>未找到住户：可不选住户直接受理</translation>
    </message>
    <message>
        <source>A request typed at %1 was not saved (the program may have closed). Continue it?</source>
        <translation>%1 录入的一条诉求尚未保存（程序可能意外关闭），是否继续填写？</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Grid member</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Township administrator</source>
        <translation>乡镇管理员</translation>
    </message>
    <message>
        <source>Viewer (read only)</source>
        <translation>只读用户</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village or community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Town resettlement</source>
        <translation>城镇安置</translation>
    </message>
    <message>
        <source>Central village resettlement</source>
        <translation>中心村安置</translation>
    </message>
    <message>
        <source>Industrial park resettlement</source>
        <translation>产业园区安置</translation>
    </message>
    <message>
        <source>Rural tourism area resettlement</source>
        <translation>乡村旅游区安置</translation>
    </message>
    <message>
        <source>Scattered resettlement</source>
        <translation>分散安置</translation>
    </message>
    <message>
        <source>Registered poor household</source>
        <translation>建档立卡搬迁户</translation>
    </message>
    <message>
        <source>Moved along</source>
        <translation>同步搬迁户</translation>
    </message>
    <message>
        <source>Not monitored</source>
        <translation>非监测户</translation>
    </message>
    <message>
        <source>Unstable after leaving poverty</source>
        <translation>脱贫不稳定户</translation>
    </message>
    <message>
        <source>At the edge of poverty</source>
        <translation>边缘易致贫户</translation>
    </message>
    <message>
        <source>Sudden severe hardship</source>
        <translation>突发严重困难户</translation>
    </message>
    <message>
        <source>Illness</source>
        <translation>因病</translation>
    </message>
    <message>
        <source>Disability (risk)</source>
        <translation>因残</translation>
    </message>
    <message>
        <source>Schooling costs</source>
        <translation>因学</translation>
    </message>
    <message>
        <source>Natural disaster</source>
        <translation>因灾</translation>
    </message>
    <message>
        <source>Accident</source>
        <translation>因意外事故</translation>
    </message>
    <message>
        <source>Failed industry project</source>
        <translation>因产业项目失败</translation>
    </message>
    <message>
        <source>Unstable work</source>
        <translation>因务工就业不稳</translation>
    </message>
    <message>
        <source>Lack of labour</source>
        <translation>缺劳动力</translation>
    </message>
    <message>
        <source>Unsafe housing</source>
        <translation>住房出现安全问题</translation>
    </message>
    <message>
        <source>Unsafe drinking water</source>
        <translation>饮水安全问题</translation>
    </message>
    <message>
        <source>Income fell sharply</source>
        <translation>人均纯收入大幅下降</translation>
    </message>
    <message>
        <source>Other risk</source>
        <translation>其他风险</translation>
    </message>
    <message>
        <source>Industry support</source>
        <translation>产业帮扶</translation>
    </message>
    <message>
        <source>Employment support</source>
        <translation>就业帮扶</translation>
    </message>
    <message>
        <source>Microcredit</source>
        <translation>金融帮扶（小额信贷）</translation>
    </message>
    <message>
        <source>Health support</source>
        <translation>健康帮扶</translation>
    </message>
    <message>
        <source>Education support</source>
        <translation>教育帮扶</translation>
    </message>
    <message>
        <source>Housing safety</source>
        <translation>住房安全保障</translation>
    </message>
    <message>
        <source>Drinking water safety</source>
        <translation>饮水安全保障</translation>
    </message>
    <message>
        <source>Minimum allowance or hardship support</source>
        <translation>综合保障（低保、特困供养）</translation>
    </message>
    <message>
        <source>Temporary relief</source>
        <translation>临时救助</translation>
    </message>
    <message>
        <source>Social assistance</source>
        <translation>社会帮扶</translation>
    </message>
    <message>
        <source>Other measure</source>
        <translation>其他措施</translation>
    </message>
    <message>
        <source>Photo of the demolition</source>
        <translation>旧房拆除照片</translation>
    </message>
    <message>
        <source>Photo of the reclaimed land</source>
        <translation>复垦复绿照片</translation>
    </message>
    <message>
        <source>Double-signed agreement</source>
        <translation>双签协议</translation>
    </message>
    <message>
        <source>Property certificate</source>
        <translation>不动产权证书</translation>
    </message>
    <message>
        <source>Other document</source>
        <translation>其他材料</translation>
    </message>
    <message>
        <source>Shop front</source>
        <translation>商铺门面</translation>
    </message>
    <message>
        <source>Garage or parking space</source>
        <translation>车库车位</translation>
    </message>
    <message>
        <source>Market stall</source>
        <translation>农贸市场摊位</translation>
    </message>
    <message>
        <source>Workshop building</source>
        <translation>厂房</translation>
    </message>
    <message>
        <source>Other asset</source>
        <translation>其他资产</translation>
    </message>
    <message>
        <source>Industry project</source>
        <translation>产业项目</translation>
    </message>
    <message>
        <source>Help workshop</source>
        <translation>帮扶车间</translation>
    </message>
    <message>
        <source>Employment base</source>
        <translation>就业帮扶基地</translation>
    </message>
    <message>
        <source>Other project</source>
        <translation>其他项目</translation>
    </message>
    <message>
        <source>Not demolished</source>
        <translation>未拆除</translation>
    </message>
    <message>
        <source>Demolished</source>
        <translation>已拆除</translation>
    </message>
    <message>
        <source>Reclaimed and greened</source>
        <translation>已复垦复绿</translation>
    </message>
    <message>
        <source>Kept after assessment</source>
        <translation>经鉴定保留</translation>
    </message>
    <message>
        <source>No old house</source>
        <translation>无旧房</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <source>Son</source>
        <translation>子</translation>
    </message>
    <message>
        <source>Daughter</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Daughter-in-law</source>
        <translation>儿媳</translation>
    </message>
    <message>
        <source>Son-in-law</source>
        <translation>女婿</translation>
    </message>
    <message>
        <source>Grandson</source>
        <translation>孙子</translation>
    </message>
    <message>
        <source>Granddaughter</source>
        <translation>孙女</translation>
    </message>
    <message>
        <source>Father</source>
        <translation>父亲</translation>
    </message>
    <message>
        <source>Mother</source>
        <translation>母亲</translation>
    </message>
    <message>
        <source>Brother or sister</source>
        <translation>兄弟姐妹</translation>
    </message>
    <message>
        <source>Other relation</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Chronic illness</source>
        <translation>长期慢性病</translation>
    </message>
    <message>
        <source>Serious illness</source>
        <translation>大病</translation>
    </message>
    <message>
        <source>Left-behind child</source>
        <translation>留守儿童</translation>
    </message>
    <message>
        <source>Left-behind elderly</source>
        <translation>留守老人</translation>
    </message>
    <message>
        <source>Lone or needy elderly</source>
        <translation>孤寡及困难老人</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <source>Returning migrant worker</source>
        <translation>返乡劳动力</translation>
    </message>
    <message>
        <source>College graduate</source>
        <translation>高校毕业生</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>残疾</translation>
    </message>
    <message>
        <source>Ordinary labour</source>
        <translation>普通劳动力</translation>
    </message>
    <message>
        <source>Skilled labour</source>
        <translation>技能劳动力</translation>
    </message>
    <message>
        <source>Weak or half labour</source>
        <translation>弱劳动力或半劳动力</translation>
    </message>
    <message>
        <source>No labour capacity</source>
        <translation>无劳动力</translation>
    </message>
    <message>
        <source>Lost labour capacity</source>
        <translation>丧失劳动力</translation>
    </message>
    <message>
        <source>Illiterate or semi-literate</source>
        <translation>文盲或半文盲</translation>
    </message>
    <message>
        <source>Primary school</source>
        <translation>小学</translation>
    </message>
    <message>
        <source>Junior middle school</source>
        <translation>初中</translation>
    </message>
    <message>
        <source>Senior middle school</source>
        <translation>高中</translation>
    </message>
    <message>
        <source>Vocational school</source>
        <translation>中专（职高）</translation>
    </message>
    <message>
        <source>College or above</source>
        <translation>大专及以上</translation>
    </message>
    <message>
        <source>Not in school</source>
        <translation>非在校生</translation>
    </message>
    <message>
        <source>In preschool</source>
        <translation>学前教育</translation>
    </message>
    <message>
        <source>In primary school</source>
        <translation>小学在读</translation>
    </message>
    <message>
        <source>In junior middle school</source>
        <translation>初中在读</translation>
    </message>
    <message>
        <source>In senior middle school</source>
        <translation>高中在读</translation>
    </message>
    <message>
        <source>In vocational school</source>
        <translation>中职在读</translation>
    </message>
    <message>
        <source>In college</source>
        <translation>高校在读</translation>
    </message>
    <message>
        <source>Employed</source>
        <translation>务工</translation>
    </message>
    <message>
        <source>Self-employed</source>
        <translation>自主创业（个体）</translation>
    </message>
    <message>
        <source>Public welfare post</source>
        <translation>公益性岗位</translation>
    </message>
    <message>
        <source>Farming</source>
        <translation>务农</translation>
    </message>
    <message>
        <source>Not employed</source>
        <translation>未就业</translation>
    </message>
    <message>
        <source>Not in the labour force</source>
        <translation>非劳动力或在校</translation>
    </message>
    <message>
        <source>Within the county</source>
        <translation>县内</translation>
    </message>
    <message>
        <source>Elsewhere in the province</source>
        <translation>省内县外</translation>
    </message>
    <message>
        <source>Outside the province</source>
        <translation>省外</translation>
    </message>
    <message>
        <source>Door-to-door visit</source>
        <translation>入户走访</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话回访</translation>
    </message>
    <message>
        <source>Monthly update</source>
        <translation>月度更新</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Responded</source>
        <translation>已响应</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>已转办</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Water, power and gas</source>
        <translation>水电气</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Housing quality</source>
        <translation>住房质量</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>就业</translation>
    </message>
    <message>
        <source>Schooling</source>
        <translation>就学</translation>
    </message>
    <message>
        <source>Medical care</source>
        <translation>就医</translation>
    </message>
    <message>
        <source>Social security</source>
        <translation>社会保障</translation>
    </message>
    <message>
        <source>Household registration</source>
        <translation>户籍</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>矛盾纠纷</translation>
    </message>
    <message>
        <source>Public order</source>
        <translation>治安</translation>
    </message>
    <message>
        <source>Sanitation</source>
        <translation>环境卫生</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Service hotline</source>
        <translation>便民服务热线</translation>
    </message>
    <message>
        <source>WeChat group</source>
        <translation>微信群</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Found on a visit</source>
        <translation>走访发现</translation>
    </message>
    <message>
        <source>Transferred by the county (12345)</source>
        <translation>县级转办（12345）</translation>
    </message>
</context>
<context>
    <name>LedgerButtons</name>
    <message>
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <source>Import ledger</source>
        <translation>导入台账</translation>
    </message>
</context>
<context>
    <name>LedgerExportDialog</name>
    <message>
        <source>Export a ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <source>Relocated persons ledger (one row per person)</source>
        <translation>搬迁人口信息台账（每人一行）</translation>
    </message>
    <message>
        <source>Relocated households ledger (one row per household)</source>
        <translation>搬迁户信息台账（每户一行）</translation>
    </message>
    <message>
        <source>Employment ledger (one sheet per site)</source>
        <translation>就业台账（一点一册，每个安置点一个工作表）</translation>
    </message>
    <message>
        <source>Work orders with their three-three figures</source>
        <translation>诉求工单台账（“三个三”办理情况）</translation>
    </message>
    <message>
        <source>Monthly return-to-poverty monitoring report</source>
        <translation>防止返贫动态监测月报</translation>
    </message>
    <message>
        <source>Grid coverage board</source>
        <translation>网格覆盖情况月报</translation>
    </message>
    <message>
        <source>Visits ledger</source>
        <translation>走访台账</translation>
    </message>
    <message>
        <source>Old houses: demolition and reclamation</source>
        <translation>旧房拆除复垦台账</translation>
    </message>
    <message>
        <source>Special groups ledger</source>
        <translation>特殊群体台账</translation>
    </message>
    <message>
        <source>Returning migrant workers ledger</source>
        <translation>返乡劳动力台账</translation>
    </message>
    <message>
        <source>Site facilities ledger</source>
        <translation>安置点配套设施台账</translation>
    </message>
    <message>
        <source>Job menu</source>
        <translation>就业岗位菜单</translation>
    </message>
    <message>
        <source>Site assets and the share in use</source>
        <translation>安置区资产台账（含盘活率）</translation>
    </message>
    <message>
        <source>Projects and help workshops with their jobs</source>
        <translation>后续扶持项目和帮扶车间台账</translation>
    </message>
    <message>
        <source>Where to save the .xlsx file</source>
        <translation>.xlsx 文件的保存位置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Ledger:</source>
        <translation>台账：</translation>
    </message>
    <message>
        <source>Households:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>%v of %m rows</source>
        <translation>%v / %m 行</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>persons-ledger</source>
        <translation>搬迁人口信息台账</translation>
    </message>
    <message>
        <source>households-ledger</source>
        <translation>搬迁户信息台账</translation>
    </message>
    <message>
        <source>employment-ledger</source>
        <translation>就业台账</translation>
    </message>
    <message>
        <source>work-orders-ledger</source>
        <translation>诉求工单台账</translation>
    </message>
    <message>
        <source>monitoring-report</source>
        <translation>防返贫监测月报</translation>
    </message>
    <message>
        <source>coverage-board</source>
        <translation>网格覆盖情况月报</translation>
    </message>
    <message>
        <source>visits-ledger</source>
        <translation>走访台账</translation>
    </message>
    <message>
        <source>old-houses-ledger</source>
        <translation>旧房拆除复垦台账</translation>
    </message>
    <message>
        <source>special-groups-ledger</source>
        <translation>特殊群体台账</translation>
    </message>
    <message>
        <source>returning-labour-ledger</source>
        <translation>返乡劳动力台账</translation>
    </message>
    <message>
        <source>site-facilities-ledger</source>
        <translation>配套设施台账</translation>
    </message>
    <message>
        <source>job-menu</source>
        <translation>就业岗位菜单</translation>
    </message>
    <message>
        <source>site-assets-ledger</source>
        <translation>资产台账</translation>
    </message>
    <message>
        <source>projects-and-workshops-ledger</source>
        <translation>项目和帮扶车间台账</translation>
    </message>
    <message>
        <source>Save the ledger</source>
        <translation>保存台账</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose where to save the file.</source>
        <translation>请选择文件的保存位置。</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2.</source>
        <translation>已导出 %1 行：%2</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，没有生成文件。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>LedgerImportWizard</name>
    <message>
        <source>Import a ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <source>%1 rows: %2 new households (%3 persons), %4 updated, %5 unchanged, %6 held back; %7 rows cannot be taken.</source>
        <translation>共 %1 行：新增 %2 户（%3 人），更新 %4 户，无变化 %5 户，暂缓导入 %6 户；不合格 %7 行。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Anju is locked</source>
        <translation>安居已锁定</translation>
    </message>
    <message>
        <source>Anju locked itself after a while without use, to keep residents&apos; data private. %1, enter your password to go on.</source>
        <translation>为保护住户信息，安居在一段时间无人操作后已自动锁定。%1，请输入您的密码继续使用。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Log out (another user)</source>
        <translation>退出登录（换其他用户）</translation>
    </message>
    <message>
        <source>Anju is locked. %1, enter your password to go on.</source>
        <translation>安居已锁定。%1，请输入密码继续使用。</translation>
    </message>
    <message>
        <source>Wrong password. Try again, or log out.</source>
        <translation>密码不正确。请重新输入，或退出登录。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Anju — log in</source>
        <translation>安居 — 登录</translation>
    </message>
    <message>
        <source>Anju township workstation</source>
        <translation>安居 · 乡镇工作站</translation>
    </message>
    <message>
        <source>%1 (demo township)</source>
        <translation>%1（演示乡镇）</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Demo accounts (click one to fill in the fields):</source>
        <translation>演示账号（点击一行即可自动填入）：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请填写用户名。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Anju — %1</source>
        <translation>安居 — %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
    <message>
        <source> (demo)</source>
        <translation>（演示）</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Changes to sync: %1</source>
        <translation>待上报修改：%1 条</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>立即锁定</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>切换用户…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>Your password is changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>ManageTab</name>
    <message>
        <source>Site:</source>
        <translation>安置点：</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <source>Split…</source>
        <translation>拆分…</translation>
    </message>
    <message>
        <source>Hand over…</source>
        <translation>移交…</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>撤销网格</translation>
    </message>
    <message>
        <source>Assign buildings…</source>
        <translation>划入楼栋…</translation>
    </message>
    <message>
        <source>New building…</source>
        <translation>新建楼栋…</translation>
    </message>
    <message>
        <source>Building leader…</source>
        <translation>楼栋长…</translation>
    </message>
    <message>
        <source>Move selected…</source>
        <translation>调整所选住户…</translation>
    </message>
    <message>
        <source>Select a grid on the left to see its buildings and households.</source>
        <translation>请在左侧选择网格，查看其楼栋和住户。</translation>
    </message>
    <message>
        <source>No grid in this site yet — click New to create one.</source>
        <translation>本安置点还没有网格 — 点击“新建”创建。</translation>
    </message>
    <message>
        <source>No site yet — create one on the Sites tab.</source>
        <translation>还没有安置点 — 请在“安置点”页新建。</translation>
    </message>
    <message>
        <source>%1: %2 buildings, %3 households</source>
        <translation>%1：%2栋楼，%3户</translation>
    </message>
    <message>
        <source>%1 households selected</source>
        <translation>已选%1户</translation>
    </message>
    <message>
        <source>Select households (Ctrl/Shift for many) to move them.</source>
        <translation>选择住户（按住Ctrl或Shift可多选）后可批量调整。</translation>
    </message>
    <message>
        <source>Select a grid first.</source>
        <translation>请先选择网格。</translation>
    </message>
    <message>
        <source>Create a site first, on the Sites tab.</source>
        <translation>请先在“安置点”页新建安置点。</translation>
    </message>
    <message>
        <source>New grid</source>
        <translation>新建网格</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Rename grid</source>
        <translation>重命名网格</translation>
    </message>
    <message>
        <source>Merge grids into this one</source>
        <translation>将其他网格并入本网格</translation>
    </message>
    <message>
        <source>Merge in</source>
        <translation>并入的网格</translation>
    </message>
    <message>
        <source>Split off a new grid</source>
        <translation>拆分出新网格</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>新网格编号</translation>
    </message>
    <message>
        <source>New name</source>
        <translation>新网格名称</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Hand over %1</source>
        <translation>移交%1</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原网格员</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新网格员</translation>
    </message>
    <message>
        <source>Households, open work orders and drafts pass to the new member; the old member loses this grid.</source>
        <translation>住户、未办结工单和草稿一并移交新网格员；原网格员不再负责本网格。</translation>
    </message>
    <message>
        <source>now in %1</source>
        <translation>现属%1</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>未划网格</translation>
    </message>
    <message>
        <source>Assign buildings to this grid</source>
        <translation>将楼栋划入本网格</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Also move buildings now in another grid</source>
        <translation>已属于其他网格的楼栋也调整到本网格</translation>
    </message>
    <message>
        <source>New building</source>
        <translation>新建楼栋</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Select a building first.</source>
        <translation>请先选择楼栋。</translation>
    </message>
    <message>
        <source>Building leader</source>
        <translation>楼栋长</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（不设）</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>楼栋长</translation>
    </message>
    <message>
        <source>Select the households to move first.</source>
        <translation>请先选择要调整的住户。</translation>
    </message>
    <message>
        <source>Move %1 households</source>
        <translation>调整%1户住户</translation>
    </message>
    <message>
        <source>(keep their grid)</source>
        <translation>（网格不变）</translation>
    </message>
    <message>
        <source>To grid</source>
        <translation>调整到网格</translation>
    </message>
    <message>
        <source>(keep their building)</source>
        <translation>（楼栋不变）</translation>
    </message>
    <message>
        <source>To building</source>
        <translation>调整到楼栋</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>核对列</translation>
    </message>
    <message>
        <source>Anju matched the columns by their headers. Correct any match that is wrong.</source>
        <translation>已按表头识别各列，如有识别不对的请改正。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Column in the file&lt;/b&gt;</source>
        <translation>&lt;b&gt;文件中的列&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;First value&lt;/b&gt;</source>
        <translation>&lt;b&gt;第一行的值&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Anju field&lt;/b&gt;</source>
        <translation>&lt;b&gt;对应的安居字段&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>household head</source>
        <translation>户主</translation>
    </message>
</context>
<context>
    <name>MonitoringPanel</name>
    <message>
        <source>Return-to-poverty monitoring</source>
        <translation>防返贫监测</translation>
    </message>
    <message>
        <source>Monitored category: %1</source>
        <translation>监测类别：%1</translation>
    </message>
    <message>
        <source>since %1, %2</source>
        <translation>%1纳入，%2</translation>
    </message>
    <message>
        <source>Risk types: %1</source>
        <translation>风险类型：%1</translation>
    </message>
    <message>
        <source>Income per head when entered: %1 yuan</source>
        <translation>纳入时人均纯收入：%1元</translation>
    </message>
    <message>
        <source>No assistance measure recorded yet.</source>
        <translation>尚未登记帮扶措施。</translation>
    </message>
    <message>
        <source>Visited this month</source>
        <translation>本月已走访</translation>
    </message>
    <message>
        <source>Not visited this month</source>
        <translation>本月未走访</translation>
    </message>
    <message>
        <source>next visit due %1</source>
        <translation>下次走访 %1</translation>
    </message>
    <message>
        <source>(%1 days late)</source>
        <translation>（已逾期%1天）</translation>
    </message>
    <message>
        <source>No warning signs.</source>
        <translation>无风险提示。</translation>
    </message>
</context>
<context>
    <name>NewHouseholdButton</name>
    <message>
        <source>New household</source>
        <translation>新增住户</translation>
    </message>
    <message>
        <source>Register a new household and its members (Ctrl+Shift+N)</source>
        <translation>登记新的搬迁户及家庭成员（Ctrl+Shift+N）</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>知道了，关闭提醒</translation>
    </message>
</context>
<context>
    <name>PrintCardsButton</name>
    <message>
        <source>Print cards</source>
        <translation>打印明白卡</translation>
    </message>
    <message>
        <source>Print the explanation cards (明白卡) of these households</source>
        <translation>打印这些住户的明白卡</translation>
    </message>
</context>
<context>
    <name>PrintCardsDialog</name>
    <message>
        <source>Print explanation cards</source>
        <translation>打印明白卡</translation>
    </message>
    <message>
        <source>%1: %2 households, one card each</source>
        <translation>%1：共 %2 户，每户一张</translation>
    </message>
    <message>
        <source>One card per A5 page</source>
        <translation>每户一张 A5</translation>
    </message>
    <message>
        <source>Two cards per A4 sheet (cut in the middle)</source>
        <translation>每张 A4 纸两户（从中间裁开）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>%v of %m cards</source>
        <translation>%v / %m 张</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Press Preview to see the cards before printing.</source>
        <translation>点击“预览”可在打印前查看明白卡。</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>Service hotline on the cards:</source>
        <translation>明白卡上的便民服务热线：</translation>
    </message>
    <message>
        <source>Hotline saved: %1</source>
        <translation>便民服务热线已保存：%1</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，没有生成文件。</translation>
    </message>
    <message>
        <source>Making the cards…</source>
        <translation>正在生成明白卡…</translation>
    </message>
    <message>
        <source>grid member</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>building leader</source>
        <translation>楼栋长</translation>
    </message>
    <message>
        <source>household cadre</source>
        <translation>包户干部</translation>
    </message>
    <message>
        <source>site chief</source>
        <translation>安置点点长</translation>
    </message>
    <message>
        <source>hotline</source>
        <translation>便民服务热线</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>另有%1处</translation>
    </message>
    <message>
        <source>%1 contacts have no phone number; the cards say so. Record them:</source>
        <translation>有%1处联系人没有登记电话，卡上印为“电话未登记”。请补录：</translation>
    </message>
    <message>
        <source>%1 cards on %2 pages.</source>
        <translation>共 %1 户，%2 页。</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>Save the cards as PDF</source>
        <translation>将明白卡保存为 PDF</translation>
    </message>
    <message>
        <source>explanation-cards.pdf</source>
        <translation>明白卡.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1 cards to %2.</source>
        <translation>已保存 %1 户的明白卡：%2</translation>
    </message>
    <message>
        <source>Sending the cards to the printer…</source>
        <translation>正在发送到打印机…</translation>
    </message>
    <message>
        <source>The printer could not be opened.</source>
        <translation>无法打开打印机。</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <source>%1 pages sent to the printer.</source>
        <translation>已发送 %1 页到打印机。</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Problems found on the last visit</source>
        <translation>上次走访发现的问题</translation>
    </message>
    <message>
        <source>Work order %1</source>
        <translation>已转工单 %1</translation>
    </message>
    <message>
        <source>Open a work order</source>
        <translation>转为工单</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Policy profile</source>
        <translation>政策规则</translation>
    </message>
    <message>
        <source>Choose the policy documents your county follows. They set the deadlines and targets Anju checks; the county can adjust them later.</source>
        <translation>请选择本县执行的政策文件。安居按其中的时限和目标进行检查；县级以后可以调整。</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>依据：%1</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ServicesPanel</name>
    <message>
        <source>Employment services this year</source>
        <translation>本年度就业服务（“311”）</translation>
    </message>
    <message>
        <source>No member of working capacity.</source>
        <translation>无劳动力成员。</translation>
    </message>
    <message>
        <source>The policy profile asks for no yearly services.</source>
        <translation>本地政策未规定年度服务次数。</translation>
    </message>
    <message>
        <source>Employed: services are owed to unemployed labourers</source>
        <translation>已就业：就业服务面向未就业劳动力</translation>
    </message>
    <message>
        <source>Record service</source>
        <translation>登记服务</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>本工作站</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Policy profile</source>
        <translation>政策规则</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>数据库结构版本</translation>
    </message>
    <message>
        <source>The new language applies the next time Anju starts.</source>
        <translation>新的界面语言将在下次启动安居时生效。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up Anju for your township</source>
        <translation>设置安居：本乡镇初始设置</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>SitesTab</name>
    <message>
        <source>New site…</source>
        <translation>新建安置点…</translation>
    </message>
    <message>
        <source>Edit site…</source>
        <translation>修改安置点…</translation>
    </message>
    <message>
        <source>Double-click an item to mark it met or not met.</source>
        <translation>双击某项可标记为已达标或未达标。</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>No site yet — click New site to add one.</source>
        <translation>还没有安置点 — 点击“新建安置点”添加。</translation>
    </message>
    <message>
        <source>a county-level leader as site chief</source>
        <translation>由县级领导担任点长</translation>
    </message>
    <message>
        <source>at least one collective economic organisation</source>
        <translation>至少建立1个集体经济组织</translation>
    </message>
    <message>
        <source>%1 persons in %2 households. </source>
        <translation>共%2户%1人。</translation>
    </message>
    <message>
        <source>Large site: requires %1.</source>
        <translation>大型安置点：须%1。</translation>
    </message>
    <message>
        <source>Ordinary site under the policy profile.</source>
        <translation>按当前政策规则为一般安置点。</translation>
    </message>
    <message>
        <source>Select an item of the checklist first.</source>
        <translation>请先在清单中选择一项。</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>安置方式</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Site chief</source>
        <translation>点长</translation>
    </message>
    <message>
        <source>Chief&apos;s phone</source>
        <translation>点长电话</translation>
    </message>
    <message>
        <source>New site</source>
        <translation>新建安置点</translation>
    </message>
    <message>
        <source>Edit site</source>
        <translation>修改安置点</translation>
    </message>
</context>
<context>
    <name>SurveyButtons</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit the household and its members (Ctrl+E)</source>
        <translation>编辑住户及家庭成员（Ctrl+E）</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Record a visit or the monthly update (Ctrl+R)</source>
        <translation>登记入户走访或月度更新（Ctrl+R）</translation>
    </message>
</context>
<context>
    <name>SurveyPanel</name>
    <message>
        <source>Record help given</source>
        <translation>登记帮扶措施</translation>
    </message>
    <message>
        <source>End monitoring</source>
        <translation>退出监测</translation>
    </message>
    <message>
        <source>Start monitoring</source>
        <translation>纳入监测</translation>
    </message>
</context>
<context>
    <name>SurveyWidgets</name>
    <message>
        <source>1 person in stable work</source>
        <translation>1人以上稳定就业</translation>
    </message>
    <message>
        <source>1 skill</source>
        <translation>1门以上技能</translation>
    </message>
    <message>
        <source>1 income-raising industry</source>
        <translation>1项以上增收产业</translation>
    </message>
    <message>
        <source>1 vegetable plot</source>
        <translation>1块菜地</translation>
    </message>
    <message>
        <source>1 complete social-security package</source>
        <translation>1套完整的社会保障兜底措施</translation>
    </message>
    <message>
        <source>Job offers</source>
        <translation>岗位信息</translation>
    </message>
    <message>
        <source>Career guidance</source>
        <translation>职业指导</translation>
    </message>
    <message>
        <source>Free training</source>
        <translation>免费技能培训</translation>
    </message>
    <message>
        <source>Red: high risk</source>
        <translation>红色：高风险</translation>
    </message>
    <message>
        <source>Amber: watch</source>
        <translation>黄色：需关注</translation>
    </message>
    <message>
        <source>Green: stable</source>
        <translation>绿色：稳定</translation>
    </message>
    <message>
        <source>Income per head %1 yuan, under the line of %2</source>
        <translation>人均收入 %1 元，低于监测线 %2 元</translation>
    </message>
    <message>
        <source>Zero-employment household: nobody of working capacity works</source>
        <translation>零就业家庭：有劳动力但无人就业</translation>
    </message>
    <message>
        <source>Serious illness or disability, no minimum living allowance</source>
        <translation>有大病或重度残疾成员，未纳入低保或特困供养</translation>
    </message>
    <message>
        <source>Old house not demolished, due %1 (%2 days late)</source>
        <translation>旧房未按期拆除，应于 %1 前拆除（已逾期%2天）</translation>
    </message>
    <message>
        <source>Land not reclaimed, due %1 (%2 days late)</source>
        <translation>旧宅基地未按期复垦复绿，应于 %1 前完成（已逾期%2天）</translation>
    </message>
    <message>
        <source>Income per head fell from %1 to %2 yuan</source>
        <translation>人均收入由 %1 元降至 %2 元</translation>
    </message>
    <message>
        <source>Keys handed over, not moved in; due %1 (%2 days late)</source>
        <translation>已交钥匙未入住，应于 %1 前入住（已逾期%2天）</translation>
    </message>
    <message>
        <source>%1 lost a job</source>
        <translation>%1 失业</translation>
    </message>
    <message>
        <source>The last visit found a problem: %1</source>
        <translation>上次走访发现问题：%1</translation>
    </message>
    <message>
        <source>Record an employment service</source>
        <translation>登记就业服务</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Which job, which course, who gave it</source>
        <translation>推荐的岗位、培训项目、提供单位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>End monitoring</source>
        <translation>退出监测</translation>
    </message>
    <message>
        <source>Start monitoring</source>
        <translation>纳入监测</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>How the risk was cleared (income steady, job found...)</source>
        <translation>风险如何消除（收入稳定、已就业等）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Risk types</source>
        <translation>风险类型</translation>
    </message>
    <message>
        <source>yuan per person per year</source>
        <translation>元/人·年</translation>
    </message>
    <message>
        <source>Income per head</source>
        <translation>人均纯收入</translation>
    </message>
    <message>
        <source>Record an assistance measure</source>
        <translation>登记帮扶措施</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>帮扶措施</translation>
    </message>
    <message>
        <source>What was done, by whom, how much</source>
        <translation>做了什么、由谁落实、金额多少</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>具体内容</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync with the county</source>
        <translation>与县里同步</translation>
    </message>
    <message>
        <source>Export to USB…</source>
        <translation>导出到U盘…</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>导入同步包…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Enrol with a file…</source>
        <translation>用登记文件登记…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Packages sent and received</source>
        <translation>收发的同步包</translation>
    </message>
    <message>
        <source>This workstation is not enrolled with the county yet, so it cannot sync. The township administrator enrols it with the county&apos;s enrolment file.</source>
        <translation>本机还没有在县里登记，暂时不能同步。登记由乡镇管理员用县里发的登记文件完成。</translation>
    </message>
    <message>
        <source>This workstation is not enrolled yet: open the enrolment file the county gave you (Enrol with a file…).</source>
        <translation>本工作站尚未登记：请打开县里发来的登记文件（“用登记文件登记…”）。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Last sync: %1. Changes waiting to be sent: %2. Conflicts to review: %3.</source>
        <translation>上次同步：%1。待上报修改：%2 条。待核对冲突：%3 个。</translation>
    </message>
    <message>
        <source>A package is held until the county&apos;s package %1–%2 is imported.</source>
        <translation>有同步包暂存，需先导入县里第 %1–%2 号的同步包。</translation>
    </message>
    <message>
        <source>%1 household(s) moved by the county to another township stay here until this workstation&apos;s changes to them are sent; then they are removed.</source>
        <translation>县里已将 %1 户迁往其他乡镇：本机对其的修改上传后，这些住户即从本机移除。</translation>
    </message>
    <message>
        <source>%1 household(s) moved to another township have been removed from here.</source>
        <translation>已迁往其他乡镇的 %1 户已从本机移除。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 minutes off the county server&apos;s; please set the system time.</source>
        <translation>本机时钟与县服务器相差 %1 分钟，请校准系统时间。</translation>
    </message>
    <message>
        <source>A read-only account cannot sync: log in as a grid member or administrator.</source>
        <translation>只读账号不能同步：请用网格员或管理员账号登录。</translation>
    </message>
    <message>
        <source>This workstation is not enrolled with the county yet: click “Enrol with a file…” and open the enrolment file the county gave you.</source>
        <translation>本机还没有在县里登记：请点“用登记文件登记…”，打开县里发给您的登记文件。</translation>
    </message>
    <message>
        <source>This workstation is not enrolled with the county yet: ask the township administrator to enrol it with the county&apos;s enrolment file.</source>
        <translation>本机还没有在县里登记：请联系乡镇管理员，用县里发的登记文件为本机登记。</translation>
    </message>
    <message>
        <source>No county server address is set (the enrolment file had none), so there is no syncing over the network: take the changes on a USB stick with “Export to USB…”, or ask the administrator to enrol again with a file that names the server.</source>
        <translation>没有设置县服务器地址（本机的登记文件里没有），不能联网同步：请用“导出到U盘…”把修改带到县里，或请乡镇管理员用写有服务器地址的登记文件重新登记。</translation>
    </message>
    <message>
        <source>Only the township administrator can enrol this workstation.</source>
        <translation>只有乡镇管理员可以为本机登记。</translation>
    </message>
    <message>
        <source>%1 cannot be used: %2</source>
        <translation>%1暂不能用：%2</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>同步失败：%1</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was marked as sent; export again when ready.</source>
        <translation>已取消。没有任何修改被标记为已发送，准备好后请重新导出。</translation>
    </message>
    <message>
        <source>Written and verified: %1 (%2 changes). It is now safe to remove the drive.</source>
        <translation>已写入并校验：%1（%2 条修改）。现在可以安全拔出U盘。</translation>
    </message>
    <message>
        <source>Take the stick to the county. These changes count as waiting until the county&apos;s package comes back and is imported here.</source>
        <translation>请把U盘交到县里。县里的回执包导入本机之前，这些修改仍算作待上报。</translation>
    </message>
    <message>
        <source>Anju packages (*.anjupkg)</source>
        <translation>安居同步包 (*.anjupkg)</translation>
    </message>
    <message>
        <source>Choose packages</source>
        <translation>选择同步包（可多选，或全选U盘上的）</translation>
    </message>
    <message>
        <source>Imported %1 package(s): %2 changes applied, %3 conflicts to review.</source>
        <translation>已导入 %1 个同步包：应用修改 %2 条，待核对冲突 %3 个。</translation>
    </message>
    <message>
        <source>%1: skipped — %2</source>
        <translation>%1：跳过——%2</translation>
    </message>
    <message>
        <source>No package was found there.</source>
        <translation>那里没有同步包（*.anjupkg）。</translation>
    </message>
    <message>
        <source>Held: the county&apos;s package %1–%2 must be imported first.</source>
        <translation>已暂存：需先导入县里第 %1–%2 号的同步包。</translation>
    </message>
    <message>
        <source>This package was imported before; nothing new.</source>
        <translation>该同步包以前已导入，没有新内容。</translation>
    </message>
    <message>
        <source>Imported: %1 applied, %2 conflicts, %3 refused.</source>
        <translation>已导入：应用 %1 条，冲突 %2 条，被拒绝 %3 条。</translation>
    </message>
    <message>
        <source>Choose the enrolment file</source>
        <translation>选择登记文件</translation>
    </message>
    <message>
        <source>Enrolled. Export to USB or sync now to send the first package.</source>
        <translation>登记完成。请导出到U盘或立即同步，发送第一个同步包。</translation>
    </message>
</context>
<context>
    <name>SyncTables</name>
    <message>
        <source>Written and verified</source>
        <translation>已写入并校验</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Held: waiting for a missing package</source>
        <translation>暂存：等待缺失的同步包</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>已导入过</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>not closed</source>
        <translation>未结转</translation>
    </message>
    <message>
        <source>No month closed yet: close this month to start the trend.</source>
        <translation>还没有结转过月份：结转本月后开始显示趋势。</translation>
    </message>
    <message>
        <source>No month closed yet: the trend starts once the township closes one.</source>
        <translation>还没有结转过月份：乡镇结转月份后开始显示趋势。</translation>
    </message>
</context>
<context>
    <name>UsbExportDialog</name>
    <message>
        <source>Export to a USB stick</source>
        <translation>导出到U盘</translation>
    </message>
    <message>
        <source>1. Plug in the USB stick.  2. Choose it below.  3. Click “Write to the stick”.
Anju writes this workstation&apos;s changes, reads them back to check them, and then tells you the stick may be removed. Take it to the county (%1).</source>
        <translation>1. 插入U盘。 2. 在下面选中它。 3. 点“写入U盘”。
安居写入本机的修改后会读回校验，然后提示可以拔出U盘。请把U盘交到县里（%1）。</translation>
    </message>
    <message>
        <source>the county&apos;s sync desk</source>
        <translation>县里负责同步的同志</translation>
    </message>
    <message>
        <source>No USB stick found. Plug one in and wait a few seconds; it appears here by itself.</source>
        <translation>没有找到U盘。请插入U盘，稍等几秒，它会自动出现在这里。</translation>
    </message>
    <message>
        <source>Write to the stick</source>
        <translation>写入U盘</translation>
    </message>
    <message>
        <source>Another folder…</source>
        <translation>其他文件夹…</translation>
    </message>
    <message>
        <source>%1 (%2), %3 free</source>
        <translation>%1（%2），可用 %3</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>New account…</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>Grids…</source>
        <translation>负责网格…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用/启用</translation>
    </message>
    <message>
        <source>Select an account first.</source>
        <translation>请先选择账号。</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>账号类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>负责网格</translation>
    </message>
    <message>
        <source>Grids of %1</source>
        <translation>%1负责的网格</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>Enough to eat</source>
        <translation>不愁吃</translation>
    </message>
    <message>
        <source>Enough to wear</source>
        <translation>不愁穿</translation>
    </message>
    <message>
        <source>Compulsory education</source>
        <translation>义务教育有保障</translation>
    </message>
    <message>
        <source>Basic medical care</source>
        <translation>基本医疗有保障</translation>
    </message>
    <message>
        <source>Safe housing</source>
        <translation>住房安全有保障</translation>
    </message>
    <message>
        <source>Safe drinking water</source>
        <translation>饮水安全有保障</translation>
    </message>
    <message>
        <source>Wages</source>
        <translation>工资性收入</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>经营性收入</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>财产性收入</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>转移性收入</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>job lost</source>
        <translation>失业</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已变更</translation>
    </message>
    <message>
        <source>What was found, what the household asks for</source>
        <translation>发现的情况、群众的诉求</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Continue the draft</source>
        <translation>继续填写草稿</translation>
    </message>
    <message>
        <source>Discard the draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>Visit to %1 %2</source>
        <translation>走访 %1 %2</translation>
    </message>
    <message>
        <source>last visit %1</source>
        <translation>上次走访 %1</translation>
    </message>
    <message>
        <source>first visit</source>
        <translation>首次走访</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Anything else worth recording</source>
        <translation>其他需要记录的情况</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Household income this year, by source</source>
        <translation>家庭年收入（按来源）</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测</translation>
    </message>
    <message>
        <source>Two assurances, three guarantees, and safe drinking water</source>
        <translation>两不愁三保障及饮水安全</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未查</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Say what is wrong</source>
        <translation>写明具体问题</translation>
    </message>
    <message>
        <source>Members: work and monthly income (last known values)</source>
        <translation>家庭成员就业与月收入（已填入上次数据）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>就业状态</translation>
    </message>
    <message>
        <source>Place of work</source>
        <translation>就业地点</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Monthly income (yuan)</source>
        <translation>月收入（元）</translation>
    </message>
    <message>
        <source>Problems found (each can become a work order)</source>
        <translation>发现的问题（可转为诉求工单）</translation>
    </message>
    <message>
        <source>Add problem</source>
        <translation>添加问题</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>Per head: %1 (%2 people)</source>
        <translation>人均：%1（%2人）</translation>
    </message>
    <message>
        <source>Income per head is down %1% since the last visit (%2): look again.</source>
        <translation>人均收入较上次走访（%2）下降 %1%，请复核。</translation>
    </message>
    <message>
        <source>Below the monitoring line of %1 per head.</source>
        <translation>低于人均 %1 的监测线。</translation>
    </message>
    <message>
        <source>Job lost: %1.</source>
        <translation>失业：%1。</translation>
    </message>
    <message>
        <source>An unsaved visit from %1 was found. Continue where you stopped?</source>
        <translation>发现 %1 未保存的走访记录。是否继续填写？</translation>
    </message>
    <message>
        <source>Draft kept at %1</source>
        <translation>草稿已于 %1 自动保存</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>This visit is not saved. Discard it?</source>
        <translation>本次走访尚未保存，确定放弃吗？</translation>
    </message>
</context>
<context>
    <name>VisitFormDialog</name>
    <message>
        <source>Record a visit</source>
        <translation>入户走访</translation>
    </message>
</context>
<context>
    <name>WorkOrderDetailDialog</name>
    <message>
        <source>Timeline</source>
        <translation>办理经过</translation>
    </message>
    <message>
        <source>Work order %1</source>
        <translation>工单 %1</translation>
    </message>
    <message>
        <source>Press Enter or double-click to see the photo</source>
        <translation>按回车或双击查看照片</translation>
    </message>
    <message>
        <source>Resident: %1</source>
        <translation>群众：%1</translation>
    </message>
    <message>
        <source>Where: %1</source>
        <translation>地点：%1</translation>
    </message>
    <message>
        <source>Request: %1</source>
        <translation>诉求：%1</translation>
    </message>
    <message>
        <source>Received: %1</source>
        <translation>受理：%1</translation>
    </message>
    <message>
        <source>Deadlines: %1</source>
        <translation>时限：%1</translation>
    </message>
    <message>
        <source>The resolve deadline is provisional: the holiday calendar of that year is not known yet.</source>
        <translation>办结时限为暂定：该年度节假日安排尚未公布。</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>办理结果：%1</translation>
    </message>
    <message>
        <source>Extension of %1 day(s) requested: %2</source>
        <translation>已申请延期%1天：%2</translation>
    </message>
    <message>
        <source>Raised before as %1</source>
        <translation>此前已反映，原工单 %1</translation>
    </message>
    <message>
        <source>Duplicate of %1</source>
        <translation>与工单 %1 重复</translation>
    </message>
    <message>
        <source>Supervised at level %1</source>
        <translation>已升级督办（第%1级）</translation>
    </message>
    <message>
        <source>late by %1</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <source>Photo: %1</source>
        <translation>照片：%1</translation>
    </message>
    <message>
        <source>Recorded at %1</source>
        <translation>录入时间 %1</translation>
    </message>
    <message>
        <source>Photo on arrival</source>
        <translation>到场照片</translation>
    </message>
    <message>
        <source>The photo file %1 is missing on this computer.</source>
        <translation>本机找不到照片文件 %1。</translation>
    </message>
    <message>
        <source>Arrived at</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>现场照片</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Done at</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>How it was fixed</source>
        <translation>解决情况</translation>
    </message>
    <message>
        <source>Answer given</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <source>Called at</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>The resident is</source>
        <translation>群众评价</translation>
    </message>
    <message>
        <source>Hand to</source>
        <translation>转交给</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Code of the order it repeats</source>
        <translation>重复的工单编号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>More days</source>
        <translation>延期天数</translation>
    </message>
    <message>
        <source>What is raised this time</source>
        <translation>本次反映的内容</translation>
    </message>
</context>
<context>
    <name>WorkOrderDialogs</name>
    <message>
        <source>Respond</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>Arrived on site</source>
        <translation>到达现场</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Hand to a colleague</source>
        <translation>转交承办人</translation>
    </message>
    <message>
        <source>Transfer to a department</source>
        <translation>转交部门</translation>
    </message>
    <message>
        <source>Merge as a duplicate</source>
        <translation>合并重复工单</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>撤销工单</translation>
    </message>
    <message>
        <source>Ask for more time</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Approve the extension</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <source>Refuse the extension</source>
        <translation>驳回延期</translation>
    </message>
    <message>
        <source>Raised again: new linked order</source>
        <translation>再次反映（新建关联工单）</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Responded</source>
        <translation>已响应</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Handed to a colleague</source>
        <translation>转交承办人</translation>
    </message>
    <message>
        <source>Transferred to a department</source>
        <translation>转交部门</translation>
    </message>
    <message>
        <source>Merged as a duplicate</source>
        <translation>合并为重复工单</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Extension requested</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Extension approved</source>
        <translation>延期获批</translation>
    </message>
    <message>
        <source>Extension refused</source>
        <translation>延期被驳回</translation>
    </message>
    <message>
        <source>Escalated for supervision</source>
        <translation>升级督办</translation>
    </message>
    <message>
        <source>Deadline recalculated with the holiday table</source>
        <translation>按节假日安排重算办结时限</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Unsatisfied (reopens the order)</source>
        <translation>不满意（工单重新办理）</translation>
    </message>
    <message>
        <source>grid member</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>grid leader</source>
        <translation>网格长</translation>
    </message>
    <message>
        <source>village or community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Choose a photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>未选照片</translation>
    </message>
    <message>
        <source>Photo on arrival</source>
        <translation>到场照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.bmp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp)</translation>
    </message>
</context>
<context>
    <name>WorkOrderTableModel</name>
    <message>
        <source>Urgency</source>
        <translation>时效</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>下一时限</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>群众</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Respond</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>late by %1</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <source>(provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <source>Due at %1</source>
        <translation>时限 %1</translation>
    </message>
    <message>
        <source>Provisional: the holiday calendar of that year is not known yet.</source>
        <translation>暂定：该年度节假日安排尚未公布。</translation>
    </message>
    <message>
        <source>supervised L%1</source>
        <translation>督办%1级</translation>
    </message>
    <message>
        <source>extended</source>
        <translation>已延期</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>加急</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩 %1</translation>
    </message>
    <message>
        <source>%1 late</source>
        <translation>%1超时</translation>
    </message>
    <message>
        <source>Grid or category</source>
        <translation>网格或类别</translation>
    </message>
    <message>
        <source>Orders received</source>
        <translation>受理数</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Extended</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Responded in time</source>
        <translation>按时响应率</translation>
    </message>
    <message>
        <source>On site in time</source>
        <translation>按时到场率</translation>
    </message>
    <message>
        <source>Resolved in time</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <source>Median response (min)</source>
        <translation>响应用时中位数（分钟）</translation>
    </message>
    <message>
        <source>Median arrival (h)</source>
        <translation>到场用时中位数（小时）</translation>
    </message>
    <message>
        <source>Median resolution (h)</source>
        <translation>办结用时中位数（小时）</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意率</translation>
    </message>
</context>
<context>
    <name>WorkOrdersPage</name>
    <message>
        <source>New work order (Ctrl+N)</source>
        <translation>受理诉求（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search code, caller, phone or request</source>
        <translation>搜索编号、来电人、电话或诉求</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Level reached</source>
        <translation>督办级别</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Monthly figures</source>
        <translation>月度统计</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>By grid</source>
        <translation>按网格</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Load a holiday table…</source>
        <translation>导入节假日安排…</translation>
    </message>
    <message>
        <source>The State Council&apos;s holidays and adjusted working days for a new year, as a JSON or TOML file</source>
        <translation>国务院公布的新一年放假和调休安排（JSON或TOML文件）</translation>
    </message>
    <message>
        <source>No grid</source>
        <translation>未分网格</translation>
    </message>
    <message>
        <source>Whole township</source>
        <translation>全乡镇</translation>
    </message>
    <message>
        <source>Holiday table</source>
        <translation>节假日安排</translation>
    </message>
    <message>
        <source>Holiday tables (*.json *.toml)</source>
        <translation>节假日安排 (*.json *.toml)</translation>
    </message>
    <message>
        <source>Holiday table loaded for %1; %2 provisional deadlines recalculated.</source>
        <translation>已导入%1年节假日安排，重算了%2个暂定时限。</translation>
    </message>
    <message>
        <source>Supervision (%1)</source>
        <translation>督办（%1）</translation>
    </message>
    <message>
        <source>No work orders here. Take a request with “New work order” (Ctrl+N).</source>
        <translation>这里还没有工单 — 点“受理诉求”（Ctrl+N）登记群众诉求。</translation>
    </message>
    <message>
        <source>%1 orders; %2 open orders overdue</source>
        <translation>共%1条工单，其中%2条已超时</translation>
    </message>
    <message>
        <source>%1 is overdue and now supervised by the %2</source>
        <translation>%1 已超时，已升级由%2督办</translation>
    </message>
    <message>
        <source>Deadline passed</source>
        <translation>时限已过</translation>
    </message>
    <message>
        <source>Escalated for supervision</source>
        <translation>升级督办</translation>
    </message>
    <message>
        <source>Deadline near</source>
        <translation>时限将到</translation>
    </message>
    <message>
        <source>Taken: work order %1. Read the number back to the caller.</source>
        <translation>已受理，工单编号 %1，请向来电人复述。</translation>
    </message>
</context>
</TS>
