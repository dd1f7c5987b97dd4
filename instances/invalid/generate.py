#!/usr/bin/env python3
"""Regenerates instances/invalid/: `_base/` (a small valid instance) and one
folder per validation code, each a copy of `_base/` with exactly one defect.
The folder name starts with the code the defect must produce; the test
tests/validate_cases.rs checks that every folder yields its code (and only
it) and that every code of src/validate/codes.rs has a folder.

Usage: python3 instances/invalid/generate.py   (from the repository root)
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

BASE = {
    "instance.toml": """name = "tiny"
start = "2026-12-07"
days = 21
holidays = ["2026-12-25", "2027-01-01"]

[rules]
weekly_hours = 35
max_weekends = 2
half_day_split = "12:30"

[weights]
uncovered = 500
""",
    "shifts.csv": """id,start,end,break_minutes,label,cannot_follow
M,08:00,12:30,0,Matin,
S,13:00,17:30,0,Après-midi,
J,08:30,17:00,60,Journée,
N,20:00,06:00,60,Nuit,M|J
""",
    "secretariats.csv": """id,name,pole,days,opens,closes
CARDIO,Secrétariat cardiologie,P1,MON|TUE|WED|THU|FRI,07:30,18:30
PNEUMO,Secrétariat pneumologie,P1,,,
URG,Accueil urgences,P2,MON|TUE|WED|THU|FRI|SAT|SUN,12:00,08:00
""",
    "pools.csv": """pool,secretariat
POOL1,CARDIO
POOL1,PNEUMO
""",
    "contracts.csv": """id,weekly_hours,max_days_per_week,max_consecutive_days,min_consecutive_days,min_consecutive_days_off,max_weekends,min_total_hours,max_total_hours,max_shifts
FT,37.5,5,,,,2,,,N=4
PT,35,,,,,,0,150,J=10|M=20
""",
    "agents.csv": """id,name,contract,rate,home,covers,skills,overtime_month_hours_done,ca_days_left,rtt_days_left
A1,Alice Martin,FT,100,CARDIO,POOL1,accueil|facturation,2.5,10,3
A2,Béatrice Dupont,PT,80,PNEUMO,CARDIO,,,,
A3,Chloé Bernard,,50,URG,,,,,
""",
    "needs.csv": """secretariat,day,start,end,min,target,max,label,weight_under,weight_over
CARDIO,MON,08:00,12:00,1,2,3,Consultation Dr X,,
CARDIO,2026-12-12,09:00,12:00,1,,,Samedi exceptionnel,2000,
PNEUMO,TUE,J,,1,1,,,,
URG,SUN,N,,1,,,,,0.5
""",
    "closures.csv": """secretariat,date,label
CARDIO,2026-12-14,Dr X en congrès
""",
    "availability.csv": """agent,day,kind,shift,weight,start,end
A2,WED,off,,,,
A1,2026-12-09,prefer_off,,2,,
A1,FRI,prefer_on,M,,,
A3,2026-12-10,off,,,14:00,18:00
""",
    "leave.csv": """id,agent,type,first_day,last_day,status,part,requested_on,priority
L1,A1,CA,2026-12-21,2026-12-23,requested,,2026-11-01,2
L2,A2,RTT,2026-12-11,2026-12-11,approved,am,,
L3,A3,FORMATION,2026-11-30,2026-12-08,approved,,,
""",
}

PLANNING = """agent,date,kind,code,secretariat,start,end,minutes,locked
A1,2026-12-07,work,M,CARDIO,08:00,12:30,270,1
A1,2026-12-21,leave,CA,,,,420,
A2,2026-12-08,work,J,PNEUMO,08:30,17:00,450,
"""


def replace(file, old, new):
    return ("replace", file, old, new)


def append(file, line):
    return ("append", file, line)


def drop_column(file, column):
    return ("drop_column", file, column)


def delete(file):
    return ("delete", file)


def setfile(file, content):
    return ("set", file, content)


# (folder name, edits). The name starts with the expected code.
CASES = [
    ("E0001-missing-agents-file", [delete("agents.csv")]),
    ("E0002-leave-file-is-a-folder", [("mkdir", "leave.csv")]),
    ("E0003-agents-file-saved-as-latin1", [("latin1", "agents.csv")]),
    ("E0004-empty-needs-file", [setfile("needs.csv", "")]),
    ("E0005-shifts-header-only", [setfile("shifts.csv", "id,start,end,break_minutes,label,cannot_follow\n")]),
    ("E0006-misspelt-column-in-needs", [replace("needs.csv", "weight_over", "weigth_over")]),
    ("E0007-needs-without-min-column", [drop_column("needs.csv", "min")]),
    ("E0008-duplicated-column", [replace("closures.csv", "secretariat,date,label", "secretariat,date,label,label")]),
    ("E0009-column-without-a-name", [setfile("pools.csv", "pool,secretariat,\nPOOL1,CARDIO,x\nPOOL1,PNEUMO,\n")]),
    ("E0010-comma-inside-unquoted-label", [replace("needs.csv", "Consultation Dr X", "Consultation, Dr X")]),
    ("W0001-misspelt-file-name", [setfile("need.csv", "secretariat,day,start,end,min\nCARDIO,TUE,08:00,12:00,1\n")]),
    ("E0101-toml-syntax-error", [replace("instance.toml", 'name = "tiny"', 'name = "tiny')]),
    ("E0102-toml-without-days", [replace("instance.toml", "days = 21\n", "")]),
    ("E0103-toml-hours-in-quotes", [replace("instance.toml", "weekly_hours = 35", 'weekly_hours = "35"')]),
    ("E0104-toml-misspelt-rules-key", [replace("instance.toml", "max_weekends = 2", "max_weekend = 2")]),
    ("E0105-horizon-of-zero-days", [replace("instance.toml", "days = 21", "days = 0")]),
    ("E0106-negative-weight", [replace("instance.toml", "uncovered = 500", "uncovered = -500")]),
    ("E0201-agent-without-name", [replace("agents.csv", "A2,Béatrice Dupont,", "A2,,")]),
    ("E0202-leave-on-31-november", [replace("leave.csv", "L2,A2,RTT,2026-12-11", "L2,A2,RTT,31/11/2026")]),
    ("E0203-shift-ending-at-17h70", [replace("shifts.csv", "S,13:00,17:30", "S,13:00,17:70")]),
    ("E0204-misspelt-weekday-in-days", [replace("secretariats.csv", "PNEUMO,Secrétariat pneumologie,P1,,,", "PNEUMO,Secrétariat pneumologie,P1,LUN|MRA,,")]),
    ("E0205-day-neither-date-nor-weekday", [replace("availability.csv", "A2,WED,off", "A2,MERC,off")]),
    ("E0206-weekly-hours-not-a-number", [replace("contracts.csv", "PT,35,", "PT,35h,")]),
    ("E0207-min-not-whole", [replace("needs.csv", "CARDIO,MON,08:00,12:00,1,", "CARDIO,MON,08:00,12:00,1.5,")]),
    ("E0208-negative-break", [replace("shifts.csv", "J,08:30,17:00,60", "J,08:30,17:00,-60")]),
    ("E0209-id-with-pipe", [append("agents.csv", "A4|A5,Denise Petit,FT,100,CARDIO,,,,,")]),
    ("E0301-duplicate-shift", [append("shifts.csv", "M,07:00,11:00,0,Matin bis,")]),
    ("E0302-shift-ends-when-it-starts", [append("shifts.csv", "X,08:00,08:00,0,,")]),
    ("E0303-shift-longer-than-amplitude", [append("shifts.csv", "L,07:00,19:00,180,Longue,")]),
    ("E0304-break-as-long-as-shift", [append("shifts.csv", "B,08:00,09:00,60,,")]),
    ("E0305-unknown-shift-in-cannot-follow", [replace("shifts.csv", "Nuit,M|J", "Nuit,M|Z")]),
    ("E0306-shift-paid-over-daily-max", [append("shifts.csv", "D,07:00,17:00,0,,")]),
    ("E0401-duplicate-secretariat", [append("secretariats.csv", "CARDIO,Autre cardiologie,P3,,,")]),
    ("E0402-opens-when-it-closes", [append("secretariats.csv", "RADIO,Radiologie,P2,,09:00,09:00")]),
    ("E0411-pool-named-like-a-secretariat", [append("pools.csv", "PNEUMO,CARDIO")]),
    ("E0412-unknown-pool-member", [append("pools.csv", "POOL1,CARDOI")]),
    ("E0501-duplicate-contract", [append("contracts.csv", "FT,35,,,,,,,,")]),
    ("E0502-min-total-above-max", [replace("contracts.csv", "PT,35,,,,,,0,150", "PT,35,,,,,,200,150")]),
    ("E0503-max-shifts-without-equals", [replace("contracts.csv", "N=4", "N4")]),
    ("E0504-max-shifts-unknown-shift", [replace("contracts.csv", "N=4", "X=4")]),
    ("E0505-eight-days-per-week", [replace("contracts.csv", "FT,37.5,5,", "FT,37.5,8,")]),
    ("E0506-max-shifts-shift-twice", [replace("contracts.csv", "J=10|M=20", "J=10|M=20|J=5")]),
    ("E0601-duplicate-agent", [append("agents.csv", "A1,Anne Autre,FT,100,CARDIO,,,,,")]),
    ("E0602-rate-800", [replace("agents.csv", "PT,80,", "PT,800,")]),
    ("E0603-unknown-home", [append("agents.csv", "A4,Denise Petit,FT,100,CARIDO,,,,,")]),
    ("E0604-unknown-covers", [replace("agents.csv", "CARDIO,POOL1,", "CARDIO,POOL1|PNEUMOO,")]),
    ("E0605-unknown-contract", [replace("agents.csv", "A2,Béatrice Dupont,PT,", "A2,Béatrice Dupont,TP,")]),
    ("E0701-need-unknown-secretariat", [append("needs.csv", "RADIO,MON,08:00,12:00,1,,,,,")]),
    ("E0702-need-start-neither-time-nor-shift", [append("needs.csv", "PNEUMO,THU,JJ,,1,,,,,")]),
    ("E0703-need-window-ends-before-start", [append("needs.csv", "CARDIO,TUE,12:00,08:00,1,,,,,")]),
    ("E0704-target-below-min", [append("needs.csv", "CARDIO,TUE,08:00,12:00,2,1,,,,")]),
    ("E0705-max-below-target", [append("needs.csv", "CARDIO,TUE,08:00,12:00,1,2,1,,,")]),
    ("E0706-need-on-closed-weekday", [append("needs.csv", "CARDIO,SAT,09:00,12:00,1,,,,,")]),
    ("E0707-need-before-opening", [append("needs.csv", "CARDIO,TUE,07:00,12:00,1,,,,,")]),
    ("E0708-shift-need-with-end", [append("needs.csv", "PNEUMO,WED,J,17:00,1,,,,,")]),
    ("W0701-dated-need-outside-horizon", [append("needs.csv", "CARDIO,2027-03-01,08:00,12:00,1,,,,,")]),
    ("W0702-secretariat-nobody-covers", [append("secretariats.csv", "RADIO,Radiologie,P2,,,"), append("needs.csv", "RADIO,MON,08:00,12:00,1,,,,,")]),
    ("E0801-closure-unknown-secretariat", [append("closures.csv", "PNEUMOLOGIE,2026-12-15,")]),
    ("W0801-closure-outside-horizon", [append("closures.csv", "CARDIO,2027-01-04,")]),
    ("E0811-availability-unknown-agent", [append("availability.csv", "A9,MON,off,,,,")]),
    ("E0812-availability-bad-kind", [append("availability.csv", "A1,TUE,unavailable,,,,")]),
    ("E0813-availability-unknown-shift", [append("availability.csv", "A1,TUE,off,Q,,,")]),
    ("E0814-availability-window-ends-before-start", [append("availability.csv", "A1,TUE,off,,,14:00,10:00")]),
    ("E0815-availability-shift-and-window", [append("availability.csv", "A1,TUE,off,M,,08:00,12:00")]),
    ("E0816-availability-start-without-end", [append("availability.csv", "A1,TUE,off,,,08:00,")]),
    ("W0811-dated-availability-outside-horizon", [append("availability.csv", "A1,2027-02-01,off,,,,")]),
    ("E0901-duplicate-leave-id", [append("leave.csv", "L1,A2,CA,2026-12-24,2026-12-24,requested,,,")]),
    ("E0902-leave-unknown-agent", [append("leave.csv", "L4,A7,CA,2026-12-24,2026-12-24,requested,,,")]),
    ("E0903-leave-ends-before-it-starts", [append("leave.csv", "L4,A2,CA,2026-12-24,2026-12-22,requested,,,")]),
    ("E0904-leave-status-pending", [append("leave.csv", "L4,A2,CA,2026-12-24,2026-12-24,pending,,,")]),
    ("E0905-leave-part-morning", [append("leave.csv", "L4,A2,CA,2026-12-24,2026-12-24,requested,morning,,")]),
    ("E0951-planning-unknown-agent", [("planning", "A2,2026-12-08,work,J,PNEUMO", "A8,2026-12-08,work,J,PNEUMO")]),
    ("E0952-planning-unknown-shift", [("planning", "A2,2026-12-08,work,J,", "A2,2026-12-08,work,Q,")]),
    ("E0953-planning-unknown-secretariat", [("planning", "work,J,PNEUMO", "work,J,PNEUMOO")]),
    ("E0954-planning-date-outside-horizon", [("planning", "A2,2026-12-08", "A2,2027-01-15")]),
    ("E0955-planning-bad-kind", [("planning", "A2,2026-12-08,work", "A2,2026-12-08,travail")]),
    ("E0956-planning-start-differs-from-shift", [("planning", "PNEUMO,08:30,17:00", "PNEUMO,08:15,17:00")]),
    ("E0957-planning-bad-locked", [("planning", "270,1", "270,2")]),
]


def write(folder, files, planning=None):
    os.makedirs(folder, exist_ok=True)
    for name, content in files.items():
        path = os.path.join(folder, name)
        if content is None:
            continue
        if content == "<mkdir>":
            os.makedirs(path, exist_ok=True)
            with open(os.path.join(path, "README"), "w") as f:
                f.write("A folder where leave.csv should be a file.\n")
        elif isinstance(content, bytes):
            with open(path, "wb") as f:
                f.write(content)
        else:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(content)
    if planning is not None:
        with open(os.path.join(folder, "planning.csv"), "w", encoding="utf-8", newline="") as f:
            f.write(planning)


def main():
    for entry in os.listdir(HERE):
        path = os.path.join(HERE, entry)
        if os.path.isdir(path):
            shutil.rmtree(path)
    write(os.path.join(HERE, "_base"), BASE, PLANNING)
    for name, edits in CASES:
        files = dict(BASE)
        planning = None
        for edit in edits:
            kind, file = edit[0], edit[1]
            if kind == "replace":
                assert edit[2] in files[file], (name, edit)
                files[file] = files[file].replace(edit[2], edit[3], 1)
            elif kind == "append":
                files[file] = files.get(file, "") + edit[2] + "\n"
            elif kind == "delete":
                files[file] = None
            elif kind == "set":
                files[file] = edit[2]
            elif kind == "mkdir":
                files[file] = "<mkdir>"
            elif kind == "latin1":
                files[file] = files[file].encode("latin-1")
            elif kind == "drop_column":
                lines = files[file].splitlines()
                idx = lines[0].split(",").index(edit[2])
                files[file] = "".join(",".join(c for i, c in enumerate(l.split(",")) if i != idx) + "\n" for l in lines)
            elif kind == "planning":
                assert edit[1] in PLANNING, (name, edit)
                planning = PLANNING.replace(edit[1], edit[2], 1)
            else:
                raise ValueError(kind)
        write(os.path.join(HERE, name), files, planning)


if __name__ == "__main__":
    main()
