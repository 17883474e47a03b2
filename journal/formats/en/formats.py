# "12 May 2024": the form scholarly pages use in English (standards I18N-12).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "Y-m-d"
YEAR_MONTH_FORMAT = "F Y"
