"""Small example documents shared by the rules' explain pages (and their tests)."""

TITLE = "2023年法治政府建设情况报告\n\n"
MEASURES = "一、2023年主要举措和成效\n（一）加强组织领导。全年召开法治专题会议4次。\n"
SHORTCOMINGS = "二、存在的不足和原因\n一是执法队伍专业化程度不高。主要原因是培训不够系统。\n"
DUTY = "三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头学法，亲自部署重要工作。\n"
PLANS = "四、2024年工作安排\n继续深化法治政府建设，加强执法培训。\n"

#: A report that follows fazhi-2019 and passes every structural rule.
GOOD = TITLE + MEASURES + SHORTCOMINGS + DUTY + PLANS

#: The same report in traditional script, as mirror sites publish it.
GOOD_TRADITIONAL = (
    "2023年法治政府建設情況報告\n\n一、2023年主要舉措和成效\n（一）加強組織領導。全年召開法治專題會議4次。\n"
    "二、存在的不足和原因\n一是執法隊伍專業化程度不高。主要原因是培訓不夠系統。\n"
    "三、黨政主要負責人履行推進法治建設第一責任人職責情況\n主要負責人帶頭學法，親自部署重要工作。\n"
    "四、2024年工作安排\n繼續深化法治政府建設，加強執法培訓。\n"
)
