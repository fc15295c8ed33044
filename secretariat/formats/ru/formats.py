# ruff: noqa: RUF001, RUF003 (Russian letters, on purpose)
# As a Russian reader writes a date: "5 декабря 2020 г.", the month in the
# genitive after a day ("E"), in the nominative alone ("декабрь 2020 г.").
DATE_FORMAT = "j E Y г."
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j E Y г., G:i"
TIME_FORMAT = "G:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y г."
FIRST_DAY_OF_WEEK = 1
