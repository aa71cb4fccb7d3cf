"""Messages for domain error codes, in Chinese (default) and English.

Services raise :class:`~desktop.domain.errors.DomainError` with a stable code;
this catalogue turns a code into the sentence a township worker reads, for the
CLI and the UI alike (widgets' own labels go through Qt's ``tr()`` instead).
Each entry says what is wrong and how to fix it.  ``{name}`` placeholders take
the error's params.  A test checks that every code raised in ``desktop/`` has an
entry here in both languages.
"""

from __future__ import annotations

from desktop.domain.errors import DomainError

# code -> (Chinese, English)
MESSAGES: dict[str, tuple[str, str]] = {
    "invalid": ("输入有误，请检查后重试。", "The input is not valid; check it and try again."),
    "required": ("此项必填。", "This field is required."),
    "not_found": ("找不到该记录，可能已被删除。", "Record not found; it may have been deleted."),
    # resident IDs
    "id_empty": ("请填写身份证号码。", "Enter the resident ID number."),
    "id_length": (
        "身份证号码应为18位，当前为{length}位。",
        "A resident ID has 18 characters; this one has {length}.",
    ),
    "id_format": (
        "身份证号码前17位应为数字，最后一位为数字或X。",
        "The first 17 characters must be digits, the last a digit or X.",
    ),
    "id_excel_number": (
        "“{value}”是被 Excel 当成数字的身份证号：Excel 只保留15位，后三位已经丢失。"
        "请在 Excel 中把这一列设为“文本”格式后重新输入完整的18位号码（或在号码前加英文单引号 '）。",
        "“{value}” is a resident ID Excel turned into a number: Excel keeps 15 digits, so the "
        "last three are lost. Format the column as Text in Excel and type the full 18 digits "
        "again (or start the number with an apostrophe ').",
    ),
    "id_checksum": (
        "身份证号码校验位不对（按前17位应为{expected}），请核对是否输错。",
        "The check digit is wrong (it should be {expected}); check for a typing error.",
    ),
    "id_birth_date": (
        "身份证号码中的出生日期不存在。",
        "The birth date in the resident ID does not exist.",
    ),
    "id_future_birth": (
        "身份证号码中的出生日期晚于今天。",
        "The birth date in the resident ID is in the future.",
    ),
    "id_area": (
        "身份证号码前6位地区码{area}不存在或当年未启用。",
        "The area code {area} does not exist (or was not in use that year).",
    ),
    "id_duplicate": (
        "该身份证号码已登记在另一户（{household}）。",
        "This resident ID is already recorded in another household ({household}).",
    ),
    "member_removed_meanwhile": (
        "成员“{name}”在您编辑期间已被他人删除（同步带来），无法保存对其的修改。请先移除此成员卡片，需要时再作为新成员添加。",
        "The member “{name}” was removed elsewhere (arrived by sync) while you were editing; "
        "your changes to them cannot be saved. Remove this member's card first, and add them "
        "again as a new member if needed.",
    ),
    # accounts
    "wrong_credentials": (
        "用户名或密码不正确。连续输错5次账号将被锁定，且锁定时间逐次加长。",
        "Wrong user name or password. Five wrong tries in a row lock the account, longer each time.",
    ),
    "unlock_wrong_password": (
        "密码不正确。请重新输入，或退出登录；连续输错5次账号将被锁定。",
        "Wrong password. Try again, or log out; five wrong tries in a row lock the account.",
    ),
    "account_locked": (
        "密码连续输错次数过多，账号已锁定，请{seconds}秒后再试；忘记密码请联系乡镇管理员重设。",
        "Too many wrong passwords: the account is locked; try again in {seconds} seconds, "
        "or ask the township administrator to reset the password.",
    ),
    "account_locked_long": (
        "密码连续输错次数过多，账号已锁定，请{minutes}分钟后再试；忘记密码请联系乡镇管理员重设。",
        "Too many wrong passwords: the account is locked; try again in {minutes} minutes, "
        "or ask the township administrator to reset the password.",
    ),
    "account_disabled": (
        "该账号已停用，请联系乡镇管理员。",
        "This account is disabled; ask the township administrator.",
    ),
    "password_too_short": (
        "密码至少需要{min}位。",
        "The password needs at least {min} characters.",
    ),
    "old_password_wrong": (
        "当前密码不正确，请重新输入。",
        "The current password is wrong; type it again.",
    ),
    "password_unchanged": (
        "新密码与当前密码相同，请换一个。",
        "The new password is the same as the current one; choose another.",
    ),
    "passwords_differ": (
        "两次输入的新密码不一致，请重新输入。",
        "The two new passwords differ; type the same password twice.",
    ),
    "password_common": (
        "这个密码太常见或太有规律（如 111111、123456、anju2026），很容易被猜中。请换一个。",
        "This password is too common or too regular (like 111111, 123456, anju2026) and easily "
        "guessed. Choose another.",
    ),
    "password_has_username": (
        "密码不能只是用户名加数字或符号。",
        "The password must be more than the user name with digits or signs.",
    ),
    "username_taken": ("该用户名已被使用，请换一个。", "This user name is taken; choose another."),
    "unknown_grid": ("所选网格不存在。", "The chosen grid does not exist."),
    "read_only_account": ("只读账号不能修改数据。", "A read-only account cannot change records."),
    "admin_only": ("只有乡镇管理员可以进行此操作。", "Only a township administrator can do this."),
    "outside_your_grids": (
        "该住户不在您负责的网格内，不能修改。",
        "This household is outside your grids; you cannot change it.",
    ),
    # township setup
    "already_set_up": ("本数据库已完成初始设置。", "This database is already set up."),
    "unknown_profile": ("请选择政策规则。", "Choose a policy profile."),
    "county_code_format": (
        "县级区划代码应为6位数字（GB/T 2260）。",
        "The county code has 6 digits (GB/T 2260).",
    ),
    "township_code_format": ("乡镇区划代码应为9位数字。", "The township code has 9 digits."),
    "township_not_in_county": (
        "乡镇代码的前6位应与县级代码一致。",
        "The township code must start with the county code.",
    ),
    "policy_missing_key": ("政策规则文件缺少“{field}”。", "The policy profile lacks '{field}'."),
    "policy_bad_value": (
        "政策规则文件中“{field}”的值无效。",
        "The policy profile's '{field}' is not valid.",
    ),
    # opening the database
    "not_anju_database": (
        "文件 {path} 不是安居数据库，未做任何改动。请选择正确的数据库文件。",
        "{path} is not an Anju database; nothing was changed. Choose the right database file.",
    ),
    "database_too_new": (
        "数据库 {path} 由更新版本的安居创建，请先升级安居。文件未做任何改动。",
        "{path} was made by a newer Anju; update Anju first. The file was not changed.",
    ),
    "database_corrupt": (
        "数据库 {path} 已损坏（{detail}），未做任何改动。请从 backups 文件夹恢复最近的备份。",
        "{path} is damaged ({detail}); nothing was changed. Restore the latest copy from the backups folder.",
    ),
    # @households (household list, household page, survey)
    # @survey (household form, visits, five-ones, monitoring)
    "phone_format": (
        "电话号码应为11位手机号（如13812345678），或带区号的固定电话（如0743-8521234）。",
        "Enter an 11-digit mobile number (13812345678) or a landline with its area code (0743-8521234).",
    ),
    "date_in_future": (
        "日期{date}晚于今天，请核对。",
        "The date {date} is in the future; check it.",
    ),
    "date_before_birth": (
        "该日期早于出生日期（{birth}），请核对。",
        "This date is before the birth date ({birth}); check it.",
    ),
    "date_format": (
        "日期格式应为 2024-03-01。",
        "Type the date as 2024-03-01.",
    ),
    "amount_format": (
        "请填写整数金额（元），如 3000。",
        "Enter a whole amount in yuan, such as 3000.",
    ),
    "income_negative": ("收入不能为负数。", "An income cannot be negative."),
    "no_head": (
        "本户还没有户主：请把一名成员的“与户主关系”选为“户主”。",
        "The household has no head: set one member's relation to 'head'.",
    ),
    "two_heads": (
        "一户只能有一名户主，现在有{count}名，请改正其中一名的“与户主关系”。",
        "A household has one head; there are {count}. Change the relation of the others.",
    ),
    "id_repeated": (
        "本户第{row}位成员已使用该身份证号码。",
        "Member {row} of this household already has this resident ID.",
    ),
    "bad_choice": ("请从列表中选择。", "Choose a value from the list."),
    "disability_grade_range": (
        "残疾等级应为1至4级。",
        "The disability grade is 1 to 4.",
    ),
    "household_code_taken": (
        "住户编号{value}已被使用，请换一个或留空自动生成。",
        "Household code {value} is taken; choose another or leave it empty to generate one.",
    ),
    "unknown_site": ("请选择安置点。", "Choose a resettlement site."),
    "unknown_building": (
        "所选楼栋不在该安置点，请重新选择。",
        "The chosen building is not in this site; choose again.",
    ),
    "demolition_date_required": (
        "旧房已拆除，请填写拆除日期。",
        "The old house is demolished: enter the demolition date.",
    ),
    "reclaim_date_required": (
        "旧房已复垦复绿，请填写复垦日期。",
        "The land is reclaimed: enter the reclamation date.",
    ),
    "reclaim_before_demolition": (
        "复垦日期不能早于拆除日期。",
        "Reclamation cannot come before demolition.",
    ),
    "retained_needs_approval": (
        "旧房经鉴定保留的，请填写审批文号或说明。",
        "An old house retained after appraisal needs its approval number or a note.",
    ),
    "note_required_for_problem": (
        "标为“有问题”的项目请写明具体情况。",
        "Describe the problem for an item marked 'problem'.",
    ),
    "problem_description_required": (
        "请写明发现的问题。",
        "Describe the problem found.",
    ),
    "member_not_in_household": (
        "该成员不属于本户，请刷新后重试。",
        "This person is not a member of the household; reload and try again.",
    ),
    "not_a_labourer": (
        "就业服务只登记给有劳动能力的成员。",
        "Employment services are recorded for members who can work.",
    ),
    "already_monitored": (
        "该户已在监测中（{category}），请先办理退出再重新纳入。",
        "The household is already monitored ({category}); record the exit first.",
    ),
    "not_monitored": ("该户当前不在监测范围内。", "The household is not being monitored."),
    "exit_before_entry": (
        "退出日期不能早于纳入日期（{entered}）。",
        "The exit date cannot be before the entry date ({entered}).",
    ),
    "reason_required": ("请填写原因。", "Enter the reason."),
    "measure_note_required": (
        "请写明采取了什么帮扶措施。",
        "Say what was done for the household.",
    ),
    "measure_before_entry": (
        "帮扶措施的日期不能早于纳入监测的日期（{entered}）。",
        "A measure cannot be dated before the household entered monitoring ({entered}).",
    ),
    # @grids (sites, grids, buildings, users, board)
    "grid_code_taken": (
        "网格编号“{value}”已被使用（含已撤销的网格），请换一个编号。",
        "Grid code {value} is already used (retired grids included); choose another.",
    ),
    "building_code_taken": (
        "楼栋编号“{value}”已被使用，请换一个编号。",
        "Building code {value} is already used; choose another.",
    ),
    "site_code_taken": (
        "安置点编号“{value}”已被使用，请换一个编号。",
        "Site code {value} is already used; choose another.",
    ),
    "code_taken": ("该编号已被使用，请换一个。", "This code is already used; choose another."),
    "place_code_format": (
        "编号只能包含字母、数字、“-”和“_”，最长30位。",
        "A code holds letters, digits, '-' and '_' only, at most 30 characters.",
    ),
    "place_name_too_long": ("名称最长{max}个字。", "A name has at most {max} characters."),
    "site_kind_invalid": ("请选择安置方式。", "Choose the kind of site."),
    "area_outside_township": (
        "所选地区不属于本乡镇，请选择本乡镇或其下辖村（社区）。",
        "The chosen area is outside this township; choose the township or one of its villages.",
    ),
    "facility_unknown": (
        "“{item}”不在当前政策规则的配套设施清单中。",
        "'{item}' is not on the current policy profile's facilities checklist.",
    ),
    "grid_has_households": (
        "该网格还有{count}户住户，不能撤销。请先把住户调整到其他网格。",
        "This grid still looks after {count} households; move them to another grid first.",
    ),
    "grid_has_open_orders": (
        "该网格还有{count}件未办结的工单，不能撤销。请先办结或转到其他网格。",
        "This grid still has {count} open work orders; close or move them first.",
    ),
    "grid_merge_nothing": ("请选择要并入的网格。", "Choose the grids to merge in."),
    "grid_merge_into_itself": (
        "不能把网格并入它自己，请另选目标网格。",
        "A grid cannot be merged into itself; choose another target.",
    ),
    "grid_merge_other_site": (
        "网格“{grid}”属于另一个安置点，只能合并同一安置点的网格。",
        "Grid {grid} belongs to another site; only grids of one site can be merged.",
    ),
    "split_nothing": (
        "请至少选择一个楼栋或一户住户分到新网格。",
        "Choose at least one building or household for the new grid.",
    ),
    "split_not_in_grid": (
        "“{building}”不属于要拆分的网格。",
        "{building} is not in the grid being split.",
    ),
    "building_size_range": (
        "请填写{min}到{max}之间的数。",
        "Enter a number from {min} to {max}.",
    ),
    "building_other_site": (
        "楼栋“{building}”属于另一个安置点，不能划入该网格。",
        "Building {building} belongs to another site and cannot join this grid.",
    ),
    "building_in_other_grid": (
        "楼栋“{building}”已划入网格“{grid}”，一个楼栋只能属于一个网格。如需调整，请选择“调整到本网格”。",
        "Building {building} already belongs to grid {grid}; a building has one grid. Choose 'move to this grid' to change it.",
    ),
    "building_has_households": (
        "该楼栋还有{count}户由本网格负责，请先把楼栋调整到其他网格。",
        "{count} households of this building are still looked after by its grid; move the building to another grid instead.",
    ),
    "leader_not_resident": (
        "楼栋长应为“{building}”的住户，请从本楼栋的居民中选择。",
        "The building leader must live in {building}; choose one of its residents.",
    ),
    "move_nowhere": ("请选择要调整到的网格或楼栋。", "Choose the grid or building to move to."),
    "move_nothing": ("请先在列表中选择要调整的住户。", "Select the households to move first."),
    "household_other_site": (
        "住户{household}属于另一个安置点，不能调整到该网格或楼栋。",
        "Household {household} lives in another site and cannot move to this grid or building.",
    ),
    "handover_same_user": (
        "移交对象与原网格员是同一人，请选择另一名网格员。",
        "The new member is the same person; choose someone else.",
    ),
    "handover_not_member": (
        "{user}不是该网格的网格员，无需移交。",
        "{user} is not a member of this grid; there is nothing to hand over.",
    ),
    "user_disabled": (
        "账号“{user}”已停用，请先启用或选择其他人。",
        "The account of {user} is disabled; enable it or choose someone else.",
    ),
    "grid_other_township": (
        "网格“{grid}”不属于本乡镇，不能绑定。",
        "Grid {grid} belongs to another township and cannot be bound.",
    ),
    "role_invalid": ("请选择账号类型。", "Choose the kind of account."),
    "last_admin": (
        "这是最后一个启用的管理员账号，不能停用或降级。请先设置另一名管理员。",
        "This is the last active administrator; appoint another one first.",
    ),
    "cannot_disable_self": (
        "不能停用自己正在使用的账号。",
        "You cannot disable the account you are using.",
    ),
    "month_format": ("月份格式应为 2026-11。", "Write the month as 2026-11."),
    "month_not_closable": (
        "只能结转本月或上月（本月为{current}），{month}不能结转。",
        "Only this month or the last one can be closed (this month is {current}); {month} cannot.",
    ),
    "month_already_closed": (
        "{month}已经结转过。如需用当前数据覆盖，请确认“重新结转”。",
        "{month} is already closed; confirm 'close again' to overwrite it with today's figures.",
    ),
    "trend_choice_invalid": ("请选择要查看的指标。", "Choose the figure to show."),
    # @demo (demo generator, anju check / info)
    "demo_township_not_empty": (
        "本乡镇已有{households}户住户、{sites}个安置点，不能再生成演示数据，数据库未做任何改动。"
        "请用 --db 指定一个新的数据库文件。",
        "This township already has {households} households and {sites} sites, so no demo data "
        "was added and nothing was changed. Choose a new database file with --db.",
    ),
    "demo_real_township": (
        "本数据库属于正式设置的乡镇（{township}），不能在其中生成演示数据，数据库未做任何改动。"
        "请用 --db 指定一个新的数据库文件。",
        "This database belongs to a township set up for real ({township}); no demo data was "
        "added and nothing was changed. Choose a new database file with --db.",
    ),
    "demo_cancelled": (
        "已取消生成演示数据，数据库未做任何改动。",
        "Building the demo township was cancelled; nothing was changed.",
    ),
    "database_damaged": (
        "数据库 {path} 已损坏（{detail}）。为免损坏扩大，安居不会再写入它。"
        "请关闭安居，把这个文件移到别处保存，再用最近的备份替换它：{backup}。",
        "{path} is damaged ({detail}). To keep the damage from spreading, Anju will not write "
        "to it. Close Anju, move this file somewhere safe and put the newest backup in its place: "
        "{backup}.",
    ),
    "database_read_only": (
        "数据库 {path} 是只读的（文件或所在文件夹不可写），文件本身没有损坏。"
        "安居需要写入它：请把它复制到可以写的文件夹再打开，或请电脑管理员给予写权限。"
        "只查看可用 anju check 和 anju info。",
        "{path} is read-only (the file or its folder cannot be written); the file is not damaged. "
        "Anju needs to write to it: copy it to a folder you can write to, or ask the computer's "
        "administrator for write access. To look only, use anju check and anju info.",
    ),
    "unexpected_error": (
        "安居遇到意外错误（{kind}），这次操作没有完成，已保存的数据未受影响。"
        "详细情况已写入日志文件 {log}，请联系技术人员。",
        "Anju met an unexpected error ({kind}); this action did not complete and saved records "
        "are unaffected. The details are in {log}; contact your technician.",
    ),
    "disk_full": (
        "磁盘已满，这次操作没有完成，已保存的数据未受影响。请清理磁盘空间后重试。",
        "The disk is full; this action did not complete and saved records are unaffected. "
        "Free some space and try again.",
    ),
    "database_read_only_now": (
        "数据库现在不能写入（文件或磁盘变为只读），这次操作没有完成。请检查U盘或磁盘是否写保护。",
        "The database cannot be written now (the file or disk became read-only); this action "
        "did not complete. Check whether the disk or stick is write-protected.",
    ),
    "database_busy": (
        "数据库正被另一个程序使用，这次操作没有完成。请关闭其他安居窗口后重试。",
        "Another program is using the database; this action did not complete. Close other Anju "
        "windows and try again.",
    ),
    "ledger_too_big": (
        "文件 {path} 超过 {mb} MB，不像是台账，未导入。请检查是否选错了文件，或把台账分成几个文件。",
        "{path} is over {mb} MB, too big for a ledger; nothing was imported. Check the file, or "
        "split the ledger into several files.",
    ),
    "ledger_zip_bomb": (
        "文件 {path} 解压后异常庞大（可能是损坏或恶意构造的文件），未导入。",
        "{path} would unpack to an abnormal size (a damaged or crafted file); nothing was imported.",
    ),
    "ledger_too_many_rows": (
        "文件 {path} 超过 {max} 行，未导入任何一行。请把台账按安置点或网格分成几个文件再导入。",
        "{path} has more than {max} rows; no row was imported. Split the ledger by site or grid "
        "and import the files one by one.",
    ),
    "cli_account_needed": (
        "此命令会读取或修改住户数据，需要以账号身份执行：加 --user 用户名"
        "（或设置环境变量 ANJU_USER），密码在提示时输入。",
        "This command reads or changes residents' records and must act as an account: add "
        "--user NAME (or set ANJU_USER); type the password when asked.",
    ),
    "cli_password_needed": (
        "没有可输入密码的终端：请在终端中运行，或把账号 {user} 的密码放在环境变量 ANJU_PASSWORD 中。",
        "There is no terminal to type the password at: run in a terminal, or put the password of "
        "{user} in the environment variable ANJU_PASSWORD.",
    ),
    "database_missing": (
        "找不到数据库文件 {path}。请检查路径，或用 --db 指定数据库文件。",
        "There is no database file at {path}. Check the path, or name the file with --db.",
    ),
    # @ui (login, setup wizard, settings)
    # @work_orders (three-three work orders)
    "description_empty": ("请填写诉求内容。", "Describe what is asked."),
    "received_in_future": (
        "受理时间不能晚于现在，只能往前调。",
        "The received time cannot be later than now; it can only be set back.",
    ),
    "unknown_category": ("请选择诉求类别。", "Choose a category."),
    "unknown_source": ("请选择诉求来源。", "Choose where the request came from."),
    "order_phone_format": (
        "来电号码只能包含数字，5到20位。",
        "The caller's number has 5 to 20 digits.",
    ),
    "order_household_not_found": (
        "找不到该住户，请重新查找。",
        "The household was not found; search again.",
    ),
    "order_visit_not_found": ("找不到该走访记录。", "The visit was not found."),
    "order_not_found": ("找不到该工单，可能已被删除。", "The work order was not found."),
    "order_not_yours": (
        "该工单不在您负责的网格内，也不由您办理。",
        "This work order is neither in your grids nor handled by you.",
    ),
    "order_time_naive": ("时间缺少时区。", "The time has no time zone."),
    "order_step_out_of_order": (
        "工单当前状态下不能进行这一步。",
        "This step is not possible in the order's current state.",
    ),
    "order_closed": (
        "工单已办结（{status}），不能再修改；同一问题再次反映请新建关联工单。",
        "The order is closed ({status}) and locked; if the matter is raised again, open a linked order.",
    ),
    "order_not_resolved": (
        "工单尚未解决或答复，不能回访。",
        "The order is not yet resolved or answered; it cannot be followed up.",
    ),
    "order_awaiting_follow_up": (
        "工单已解决或答复，下一步只能回访。",
        "The order is resolved or answered; the only next step is the follow-up.",
    ),
    "order_already_responded": ("该工单已响应过。", "The order was already responded to."),
    "order_not_responded": (
        "请先响应（3分钟内回应群众），再进行下一步。",
        "Respond first; the next steps come after the response.",
    ),
    "order_needs_arrival": (
        "该工单需要到现场，请先登记到达现场。",
        "This order needs a site visit: record the arrival first.",
    ),
    "order_no_site_visit": (
        "该工单无需到现场，不能登记到达。",
        "This order needs no site visit; an arrival cannot be recorded.",
    ),
    "order_already_on_site": ("已登记到达现场。", "The arrival is already recorded."),
    "order_transferred_out": (
        "工单已转交部门办理，请登记部门的办理结果。",
        "The order is with a department; record the department's outcome.",
    ),
    "order_already_transferred": (
        "工单已转交部门。",
        "The order is already with a department.",
    ),
    "order_time_future": ("时间不能晚于现在。", "The time cannot be later than now."),
    "order_resolve_before_received": (
        "解决或答复时间不能早于受理时间。",
        "The resolve time cannot be before the received time.",
    ),
    "order_time_before_received": (
        "时间不能早于受理时间。",
        "The time cannot be before the received time.",
    ),
    "order_time_before_previous": (
        "时间不能早于上一步的时间。",
        "The time cannot be before the previous step.",
    ),
    "satisfaction_required": (
        "请选择回访结果：满意、基本满意或不满意。",
        "Choose the follow-up result: satisfied, basically satisfied or unsatisfied.",
    ),
    "resolution_empty": (
        "请填写办理结果（如何解决或如何答复）。",
        "Describe how it was resolved or what answer was given.",
    ),
    "reraise_open_order": (
        "原工单仍在办理中，请在原工单上继续办理。",
        "The earlier order is still open; continue with it.",
    ),
    "unknown_handler": ("请选择有效的承办人。", "Choose an active handler."),
    "same_handler": ("该工单已由此人承办。", "This person already handles the order."),
    "department_required": ("请填写转交的部门。", "Name the department it goes to."),
    "merge_target_not_found": (
        "找不到要合并到的工单编号，请核对。",
        "No order has that code; check it.",
    ),
    "merge_into_itself": ("不能合并到工单自身。", "An order cannot be merged into itself."),
    "merge_target_closed": (
        "目标工单已合并或已撤销，请合并到仍有效的工单。",
        "The target order was merged or cancelled; choose a live one.",
    ),
    "cancel_reason_required": ("请填写撤销原因。", "Give the reason for cancelling."),
    "extension_reason_required": ("请填写延期理由。", "Give the reason for the extension."),
    "extension_days": (
        "延期天数应为1到{max}天。",
        "An extension is 1 to {max} days.",
    ),
    "extension_pending": (
        "已有一个延期申请等待审批。",
        "An extension request is already waiting for a decision.",
    ),
    "extension_none_pending": (
        "没有待审批的延期申请。",
        "There is no extension request waiting.",
    ),
    "photo_unreadable": (
        "照片无法读取，请换一张JPEG或PNG图片。",
        "The photo cannot be read; use a JPEG or PNG picture.",
    ),
    "photo_no_place": ("没有保存照片的位置。", "There is no place to store the photo."),
    "attachment_missing": (
        "该文件不在本机上（可能尚未同步过来）。",
        "The file is not on this computer (it may not have arrived by sync yet).",
    ),
    "attachment_empty": ("请选择要存档的文件。", "Choose the file to keep."),
    "attachment_too_big": (
        "文件超过{limit}MB，请压缩或分页扫描后再存档。",
        "The file is larger than {limit} MB; compress it or scan fewer pages.",
    ),
    "attachment_unreadable": (
        "无法识别该文件：请使用照片（JPEG、PNG）或PDF扫描件。",
        "The file cannot be read; use a photo (JPEG, PNG) or a PDF scan.",
    ),
    "holiday_table_format": (
        "节假日文件格式不对：需要 holidays 和 workdays 两个日期列表（JSON或TOML）。",
        "The holiday file needs 'holidays' and 'workdays' lists of dates (JSON or TOML).",
    ),
    "holiday_table_kind": (
        "节假日文件应为 .json 或 .toml 文件。",
        "The holiday file must be a .json or .toml file.",
    ),
    "holiday_table_date": (
        "节假日文件中的日期“{value}”无效或不在所列年份内。",
        "The date '{value}' in the holiday file is not valid or not in its years.",
    ),
    "holiday_table_both": (
        "日期 {value} 同时列为放假和调休上班。",
        "{value} is listed both as a holiday and as a working day.",
    ),
    "holiday_table_empty": ("节假日文件中没有日期。", "The holiday file lists no dates."),
    # @sync (packages, enrolment, county server)
    "relocate_unknown_household": (
        "县级数据库中没有住户“{ref}”（或已删除）。请使用住户编码或编号。",
        "The county database has no household “{ref}” (or it was deleted). Give its code or id.",
    ),
    "relocate_unknown_site": (
        "县级数据库中没有安置点“{ref}”（或已删除）。请使用安置点编码或编号。",
        "The county database has no site “{ref}” (or it was deleted). Give its code or id.",
    ),
    "relocate_same_township": (
        "目标安置点与住户属于同一乡镇（{township}）：乡镇内调整请在乡镇工作站上进行。",
        "The site is in the household's own township ({township}); move it within the "
        "township on the township's workstation.",
    ),
    "relocate_code_taken": (
        "目标乡镇已有编码为“{taken}”的住户或工单：请先在原乡镇更改该编码，同步后再迁移。",
        "The new township already has a household or work order coded “{taken}”; change "
        "that code in the old township first, sync, then move the household.",
    ),
    "relocate_open_orders": (
        "该户还有未办结的工单（{orders}）：请原乡镇办结或转办后再迁移。",
        "The household still has open work orders ({orders}); the old township must finish "
        "or transfer them before the move.",
    ),
    "publish_unreadable": (
        "无法读取文件 {path}，未发布任何内容。",
        "Cannot read {path}; nothing was published.",
    ),
    "publish_policy_syntax": (
        "政策规则文件不是有效的 TOML（{detail}），未发布任何内容。",
        "The policy file is not valid TOML ({detail}); nothing was published.",
    ),
    "publish_policy_empty": (
        "政策规则文件是空的，未发布任何内容。",
        "The policy file is empty; nothing was published.",
    ),
    "publish_policy_profile_head": (
        "政策规则调整不能改动 [profile] 部分（规则名称和来源），未发布任何内容。",
        "A policy override cannot change the [profile] section; nothing was published.",
    ),
    "publish_policy_unknown_key": (
        "政策规则中没有“{key}”这一项（是否写错了？），未发布任何内容。",
        "Policy profiles have no '{key}' (a typo?); nothing was published.",
    ),
    "publish_policy_bad_value": (
        "政策规则中“{key}”的取值不对（类型或取值范围，例如数字写成了文字），未发布任何内容。",
        "The value of '{key}' is not valid (text for a number?); nothing was published.",
    ),
    "clock_off": (
        "本机时钟与县服务器相差 {minutes} 分钟，请校准系统时间。",
        "This computer's clock is {minutes} minutes off the county server's; set the system time.",
    ),
    # @reports (cards, ledgers, ledger import)
    "output_unwritable": (
        "无法写入 {path}（{detail}）。请换一个有写入权限的文件夹，或检查U盘是否写保护、磁盘是否已满；"
        "原文件未被改动。",
        "Cannot write {path} ({detail}). Choose a folder you may write to, or check that the "
        "drive is not write-protected or full; no file was changed.",
    ),
    "output_in_use": (
        "{path} 正被其他程序打开（例如 WPS 或 Excel），或是只读文件，无法覆盖。"
        "请先关闭该文件再保存，或换一个文件名；原文件未被改动。",
        "{path} is open in another program (WPS or Excel?) or read-only, so it cannot be "
        "replaced. Close it and save again, or choose another name; the file was not changed.",
    ),
    "output_is_folder": (
        "{path} 是一个文件夹，请填写要保存的文件名。",
        "{path} is a folder; give the name of the file to save.",
    ),
    "report_cancelled": ("已取消，没有生成文件。", "Cancelled; no file was written."),
    "selection_not_found": (
        "找不到“{key}”，请核对编号或名称。",
        "Nothing is called “{key}”; check the code or name.",
    ),
    "time_format": (
        "请按“2026-12-04 22:05”的格式填写时间（年-月-日 时:分）。",
        "Type the time as 2026-12-04 22:05 (year-month-day hour:minute).",
    ),
    "selection_ambiguous": (
        "“{key}”有 {count} 处同名：{choices}。请改用编号，或写成“安置点/{key}”。",
        "{count} places are called “{key}”: {choices}. Use the code instead, or write "
        "“site/{key}”.",
    ),
    "nothing_to_print": (
        "所选范围内没有住户，没有可打印的明白卡。",
        "There are no households in the selection, so there is no card to print.",
    ),
    "unknown_ledger_kind": ("没有“{kind}”这种台账。", "There is no ledger called “{kind}”."),
    "ledger_missing": ("找不到文件 {path}。", "File {path} not found."),
    "ledger_unreadable": (
        "无法读取文件 {path}（{detail}），请检查权限。",
        "Cannot read {path} ({detail}); check the permissions.",
    ),
    "ledger_encrypted": (
        "该 Excel 文件设置了打开密码，无法读取。请在 Excel/WPS 中取消密码后另存，再导入。",
        "The workbook is password-protected. Remove the password in Excel or WPS, save, and import again.",
    ),
    "ledger_old_xls": (
        "这是旧版 .xls 文件。请在 Excel/WPS 中另存为 .xlsx 格式后再导入。",
        "This is an old .xls file. Save it as .xlsx in Excel or WPS and import again.",
    ),
    "ledger_not_xlsx": (
        "该文件不是 Excel（.xlsx）文件，或已损坏。",
        "The file is not an Excel (.xlsx) workbook, or it is damaged.",
    ),
    "ledger_empty": ("该 Excel 文件是空的，没有可导入的内容。", "The workbook is empty."),
    "ledger_no_header": (
        "找不到可识别的表头。表头应含“户编号”“姓名”“身份证号码”等列名。",
        "No recognisable header row: it should have columns such as 户编号, 姓名, 身份证号码.",
    ),
    "ledger_bad_date": (
        "日期“{value}”无法识别，请写成 2026-11-22 的格式。",
        "Cannot read the date “{value}”; write it as 2026-11-22.",
    ),
    "ledger_bad_number": ("“{value}”不是整数。", "“{value}” is not a whole number."),
    "ledger_bad_yes_no": ("“{value}”应填“是”或“否”。", "“{value}” should be 是 or 否."),
    "ledger_bad_choice": (
        "“{value}”不是本列可选的值。",
        "“{value}” is not one of this column's values.",
    ),
    "ledger_code_missing": (
        "缺少户编号：每行都要有户编号，才能把成员归到一户、重复导入也不会重复新增。",
        "The household code is missing: every row needs one so that members join their household.",
    ),
    "ledger_duplicate_person": (
        "同一户中身份证号码 {id} 出现了两次，这一行未导入。",
        "Resident ID {id} appears twice in the same household; this row was not taken.",
    ),
    "ledger_state_created": ("新增", "created"),
    "ledger_state_updated": ("更新", "updated"),
    "ledger_state_unchanged": ("无变化", "unchanged"),
    "ledger_state_held": ("暂缓导入", "held back"),
    "ledger_held_because": (
        "第{rows}行不合格，本户因此无法导入（如安置点、网格不对或缺了户主），本户其他行也暂未导入",
        "held back: row(s) {rows} cannot be taken and the household cannot stand without them "
        "(a wrong site or grid, no head), so none of its rows was taken",
    ),
    "ledger_rows_left_out": (
        "第{rows}行不合格，未导入；本户其他行已导入",
        "row(s) {rows} cannot be taken and were left out; the household's other rows were",
    ),
    "ledger_held_all_or_nothing": (
        "文件中有不合格的行，按“全部合格才导入”，整个文件都未导入",
        "some rows of the file cannot be taken, and nothing is imported unless every row is",
    ),
    "ledger_household_held": (
        "本行无误，但同一户（{household}）第{rows}行不合格，本户因此暂未导入。"
        "改正那几行后重新导入即可。",
        "This row is fine, but row(s) {rows} of the same household ({household}) cannot be "
        "taken, so the household was not imported. Correct those rows and import again.",
    ),
    "ledger_site_missing": (
        "缺少安置点：新住户须填写安置点名称。",
        "The site is missing: a new household needs its site's name.",
    ),
    "unknown_site_name": (
        "没有名为“{name}”的安置点，请先在“网格”页建立，或核对名称。",
        "There is no site called “{name}”; create it on the Grids page or check the name.",
    ),
    "unknown_grid_name": (
        "该安置点没有名为“{name}”的网格，请先建立，或核对名称。",
        "The site has no grid called “{name}”; create it or check the name.",
    ),
    "unknown_building_name": (
        "该安置点没有名为“{name}”的楼栋，请先建立，或核对名称。",
        "The site has no building called “{name}”; create it or check the name.",
    ),
    "sync_error": ("同步出错，请稍后重试。", "Sync failed; try again later."),
    "package_not_a_package": (
        "这不是安居同步包，未做任何改动。请选择扩展名为 .anjupkg 的文件。",
        "This is not an Anju sync package; nothing was changed. Choose a .anjupkg file.",
    ),
    "package_truncated": (
        "同步包不完整（可能U盘在写入时被拔出），未做任何改动。请让对方重新导出。",
        "The package is incomplete (the stick may have been pulled out while writing); nothing was changed. Ask for a new export.",
    ),
    "package_corrupt": (
        "同步包已损坏或被改动，未做任何改动。请让对方重新导出。",
        "The package is damaged or was altered; nothing was changed. Ask for a new export.",
    ),
    "package_wrong_recipient": (
        "这个同步包是发给另一台设备的，未做任何改动。",
        "This package is for another device; nothing was changed.",
    ),
    "package_unknown_sender": (
        "同步包来自未登记的设备，未做任何改动。请先用登记文件登记该设备。",
        "The package comes from a device that is not enrolled; nothing was changed. Enrol the device first.",
    ),
    "package_revoked_sender": (
        "同步包来自已被停用的设备，未做任何改动。",
        "The package comes from a revoked device; nothing was changed.",
    ),
    "package_newer_schema": (
        "同步包由更新版本的安居生成，请先升级安居再导入。未做任何改动。",
        "The package was made by a newer Anju; update Anju, then import it again. Nothing was changed.",
    ),
    "package_unknown_suite": (
        "同步包使用了本版本不支持的加密方式，请先升级安居。未做任何改动。",
        "The package uses an encryption this version does not know; update Anju. Nothing was changed.",
    ),
    "enrolment_invalid": (
        "登记文件无法读取，请向县里索取新的登记文件。",
        "The enrolment file cannot be read; ask the county for a new one.",
    ),
    "enrolment_used": (
        "该登记文件已使用过，每个登记文件只能用一次。请向县里索取新的登记文件。",
        "This enrolment file was already used; each works once. Ask the county for a new one.",
    ),
    "enrolment_wrong_township": (
        "该登记文件属于乡镇 {township}，与本数据库的乡镇不符。",
        "This enrolment file is for township {township}, not this database's township.",
    ),
    "enrolment_other_county": (
        "本设备已在另一个县登记，不能再用此登记文件。",
        "This device is enrolled with another county; this file cannot be used.",
    ),
    "not_enrolled": (
        "本设备尚未登记，请先在“设置”中打开县里发来的登记文件。",
        "This device is not enrolled; open the county's enrolment file in Settings first.",
    ),
    "county_not_initialised": (
        "县级数据库尚未初始化，请先运行 anju-county init。",
        "The county database is not initialised; run anju-county init first.",
    ),
    "usb_target_missing": (
        "找不到目标位置 {path}（U盘可能已拔出）。原有同步包未受影响，请插好U盘后重试。",
        "{path} is not there (the stick may have been removed). Any earlier package is intact; insert the stick and retry.",
    ),
    "usb_write_failed": (
        "写入 {path} 失败（{detail}），可能U盘已满或被拔出。原有同步包未受影响，请检查后重试。",
        "Writing to {path} failed ({detail}); the stick may be full or removed. Any earlier package is intact; check and retry.",
    ),
    "usb_verify_failed": (
        "写入后校验 {path} 不一致，请勿使用该U盘上的文件，换一个U盘重试。",
        "{path} did not read back as written; do not use that file, retry with another stick.",
    ),
    "server_unreachable": (
        "无法连接县级服务器 {url}（{detail}）。数据已保存在本机，稍后会自动重试，也可以用U盘同步。",
        "Cannot reach the county server {url} ({detail}). Everything is saved here; it will retry later, or use a USB stick.",
    ),
    "server_error": (
        "县级服务器拒绝了同步（{detail}）。",
        "The county server refused the sync ({detail}).",
    ),
    "conflict_not_found": ("找不到该冲突记录。", "Conflict record not found."),
    "conflict_already_resolved": ("该冲突已处理。", "This conflict has already been resolved."),
    "sync_storage_error": (
        "同步时本机数据库出错，什么也没有改动。请稍后重试；仍不行请运行“anju check”检查数据库。",
        "The workstation's database failed during the sync; nothing was changed. "
        'Try again; if it fails again, run "anju check".',
    ),
    "package_own_outgoing": (
        "这是本机发出的同步包，应带到县里导入，不在本机导入。",
        "This is a package this workstation wrote: it goes to the county.",
    ),
    "package_for_another_device": (
        "这是发给其他工作站的同步包，本机跳过。",
        "This package is for another workstation.",
    ),
    "package_unreadable": ("无法读取这个文件。", "The file cannot be read."),
    "transfer_unknown_township": (
        "这个乡镇还没有在县里登记过工作站，无法转办。",
        "No workstation of this township is enrolled with the county yet.",
    ),
    "conflict_id_ambiguous": (
        "这几位编号对应 {count} 条冲突，请多写几位。",
        "That id prefix names {count} conflicts; give more of it.",
    ),
    "conflict_choice_invalid": (
        "这一项不能这样处理：请从列出的办法中选择。",
        "This conflict cannot be settled that way: choose one of the ways offered.",
    ),
    "transfer_cancelled": (
        "已取消，没有任何修改被标记为已发送。",
        "Cancelled; nothing was marked as sent.",
    ),
    # reasons in receipts
    "out_of_scope": (
        "该记录不属于本乡镇，县里未接受此修改。",
        "The record is outside this township; the county did not accept the change.",
    ),
    "not_own_change": (
        "只能上报本设备的修改。",
        "A device may only send its own changes.",
    ),
    "unknown_row": (
        "县里没有该记录，修改未被接受。",
        "The county does not have this record; the change was not accepted.",
    ),
    "unknown_table": ("未知的数据类型。", "Unknown kind of record."),
    "duplicate_key": (
        "编号与已有记录重复，已列入待核对。",
        "The code clashes with an existing record; it is listed for review.",
    ),
    # ------------------------------------------------ the county server and its workspace
    "package_empty": (
        "没有收到同步包（请求内容为空或长度无效），未做任何改动。",
        "No package arrived (the request was empty or its length invalid); nothing was changed.",
    ),
    "publish_policy_out_of_range": (
        "政策规则中“{key}”的值 {value} 超出允许范围（{low} 至 {high}），未发布任何内容。",
        "The value {value} of '{key}' is out of range ({low} to {high}); nothing was published.",
    ),
    "device_not_found": ("县里没有这台设备的登记。", "The county has no such device."),
    "revoke_reason_empty": (
        "请写明停用原因（例如：笔记本丢失、被盗）。",
        "Say why the laptop is revoked (lost, stolen...).",
    ),
    "enrol_name_empty": ("请填写设备名称（例如：灵溪镇 2 号笔记本）。", "Name the laptop."),
    "account_bad_login": ("用户名或密码不对。", "Wrong user name or password."),
    "county_account_locked": (
        "密码连续输错次数过多，账号已锁定，请 {minutes} 分钟后再试，或请县级管理员解锁。",
        "Too many wrong passwords: the account is locked for {minutes} minutes, or until an administrator unlocks it.",
    ),
    "account_inactive": ("该账号已停用，请联系县级管理员。", "This account is disabled."),
    "account_username_invalid": (
        "用户名只能用 3–30 个字母、数字、下划线或短横线。",
        "A user name is 3-30 letters, digits, '_' or '-'.",
    ),
    "account_username_taken": (
        "用户名 {username} 已被使用。",
        "The user name {username} is taken.",
    ),
    "account_password_short": (
        "密码至少 {length} 位。",
        "A password has at least {length} characters.",
    ),
    "account_role_unknown": (
        "角色只能是 admin（县级管理员）、viewer（县级查看）或 desk（12345 热线）。",
        "The role is admin, viewer or desk.",
    ),
    "account_not_found": ("没有用户名为 {username} 的县级账号。", "No county account {username}."),
    "county_permission": (
        "当前账号（{role}）无权进行此操作。",
        "Your account ({role}) may not do this.",
    ),
    "data_dir_unwritable": (
        "无法写入数据目录 {path}（{detail}）。请检查磁盘空间和权限，或用 --db 指定其他位置。",
        "Cannot write to {path} ({detail}). Check disk space and permissions, or choose another place with --db.",
    ),
}


def message(code: str, lang: str = "zh", **params: object) -> str:
    zh, en = MESSAGES.get(code, MESSAGES["invalid"])
    text = zh if lang == "zh" else en
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


def error_message(error: DomainError, lang: str = "zh") -> str:
    params = {"field": error.field or "", **error.params}
    return message(error.code, lang, **params)
