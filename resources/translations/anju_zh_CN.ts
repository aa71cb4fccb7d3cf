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
    <name>Errors</name>
    <message>
        <source>Cannot continue</source>
        <translation>无法继续</translation>
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
        <translation>待同步变更：%1</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This feature will come in a later version.</source>
        <translation>此功能将在后续版本提供</translation>
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
</TS>
