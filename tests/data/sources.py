"""The tables behind tests/data/ (make_data.py writes them; the tests compare against them).

Plain values only, so a test can check what was read against what was written
without going through the code under test.
"""

from __future__ import annotations

from datetime import date, datetime, time

from openpyxl import Workbook


def put_rows(sheet, rows, header=None, header_row=1) -> None:
    """Write `rows` ((row number, values)) and the header; text starting with "="
    is stored as text, as a coordinator's cell typed with a leading apostrophe."""
    for column, name in enumerate(header or [], start=1):
        sheet.cell(header_row, column, name)
    for number, values in rows:
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(number, column, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"


ROSTER_HEADER = ["first_name", "last_name", "email", "volunteer_role", "background_check_status",
                 "background_check_date", "start_date", "notes"]
# (row number in the sheet, values); row 4 is the header, rows 1-2 a title, 3 blank.
ROSTER_ROWS = [
    (5, ["José", "Núñez", "jose.nunez@acme.example", "Mentor", "Clear", date(2024, 1, 15),
         date(2024, 2, 1), None]),
    (6, ["jose", "nunez", "Jose.Nunez@ACME.example", "mentor", "clear", date(2024, 1, 15),
         date(2024, 2, 1), "typed again, without accents"]),
    (7, ["  José ", "NÚÑEZ  ", " jose.nunez@acme.example", "Mentor", "Clear", None, None,
         "extra spaces"]),
    (8, ["Γιώργος", "Παπαδόπουλος", "giorgos@acme.example", "Tutor", "Pending", None,
         date(2024, 3, 1), None]),
    (9, ["Анна", "Иванова", "anna.ivanova@acme.example", "Mentor", "Clear", "2024-01-20",
         "2024-02-05", None]),
    (10, ["Nguyễn Thị", "Minh Khai", "minh.khai@acme.example", "Mentor", "Clear", "20/01/2024",
          "05/02/2024", None]),
    (11, ["Zoë", "O'Brien-Łukasiewicz", "zoe@acme.example", "Mentor", "Flagged", None, None,
          '=HYPERLINK("http://evil.example","click me")']),
    # row 12 is blank
    (13, ["Sam", "Lee", "sam.lee@acme.example", "Tutor", "Clear", None, None,
          "+1 555 0100 after 5pm"]),
    (14, ["María José", "García López", "mj.garcia@acme.example", "Mentor", "Clear", None, None,
          "@sum(A1:A2)"]),
]
ROSTER_TOTAL_ROW = 16  # "Total volunteers" with =COUNTA(C5:C14) -> 9


def roster() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Volunteers"
    sheet["A1"] = "Volunteer roster — Acme Corporation"
    sheet.merge_cells("A1:H1")
    sheet["A2"] = "Exported 2024-03-01 from VolunteerHub"
    put_rows(sheet, ROSTER_ROWS, ROSTER_HEADER, 4)
    sheet["A16"] = "Total volunteers"
    sheet["C16"] = "=COUNTA(C5:C14)"
    return book


CAMEL_HEADER = ["firstName", "lastName", "email", "birthdate", "gender", "languageSkills",
                "phone", "addressLine1", "city", "state", "zipCode"]
CAMEL_ROWS = [
    (2, ["Ana", "Silva", "ana.silva@example.org", date(1990, 5, 17), "F", "Portuguese, English",
         5551234567, "1 Main St", "Boston", "MA", 2134]),
    (3, ["Bob", "Okafor", "BOB@EXAMPLE.ORG ", "05/17/1988", "M", "English", "(555) 987-6543",
         "22 Elm St", "Cambridge", "MA", "02139"]),
    (4, ["Chen", "Wei", "chen.wei@example.org", "1992-11-03", "", "Mandarin; English",
         "+1 555 000 1111", "3 Oak Ave", "Somerville", "MA", "02143"]),
    # row 5 holds only spaces
    (6, ["Dana", "Kowalski", "dana@example.org", 32980, "F", "Polish", 15557654321,
         "9 Pine Rd", "Quincy", "MA", 2169]),
]


def camel() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Export"
    put_rows(sheet, CAMEL_ROWS, CAMEL_HEADER)
    sheet.cell(5, 1, "   ")
    return book


YOUTH_HEADER = ["ID del programa", "Nombre", "Apellido(s)", "Fecha de nacimiento", "Escuela",
                "Nombre del tutor", "Teléfono del tutor", "Correo (electrónico)",
                "Consentimiento (sí/no)"]
YOUTH_ROWS = [
    (4, [1001, "Ana María", "Pérez", "3 de enero de 2012", "Escuela Benito Juárez",
         "Lucía Pérez", "+34 612 34 56 78", "lucia.perez@correo.example", "sí"]),
    (5, ["A-1002", "Dũng", "Trần", "31/12/2011", "CEIP Cervantes", "Hoa Trần", 612345678,
         None, "no"]),
    (6, [1003, "Σοφία", "Νικολάου", date(2013, 6, 15), "CEIP Cervantes", "Ελένη Νικολάου",
         None, "eleni@correo.example", "Sí"]),
    (7, [1004, "Мария", "Смирнова", "15.06.2013", "Escuela Benito Juárez", "Ольга Смирнова",
         "(612) 000-111", None, "x"]),
]


def youth_es() -> Workbook:
    book = Workbook()
    cover = book.active
    cover.title = "Portada"
    cover["A1"] = "Programa Niños Primero"
    cover["A2"] = "Lista de jóvenes inscritos, curso 2023-2024."
    sheet = book.create_sheet("Jóvenes")
    sheet["A1"] = "Programa Niños Primero — jóvenes"
    sheet.merge_cells("A1:I1")
    put_rows(sheet, YOUTH_ROWS, YOUTH_HEADER, 3)
    sheet["A9"] = "Totales"
    sheet["B9"] = "=COUNTA(B4:B7)"
    notes = book.create_sheet("Notas")
    notes["A1"] = "Nota"
    notes["B1"] = "Fecha"
    notes["A2"] = "Revisar consentimientos"
    notes.sheet_state = "hidden"
    return book


CHECKIN_HEADER = ["Mentor", "Mentoring Connection", "Date (MM/DD/YYYY)", "Duration", "Type",
                  "Comment", "Title"]
CHECKIN_ROWS = [
    (4, ["Ana Silva", "Ana Silva & Leo", "03/14/2024", "1:30", "In person", "Worked on reading",
         "Week 1"]),
    (5, ["Ana Silva", "Ana Silva & Leo", "03/21/2024", "90 min", "Video", None, "Week 2"]),
    (6, ["Bob Okafor", "Bob Okafor & Mia", datetime(2024, 3, 22, 16, 0), "1h 30m", "Phone",
         "Short call", "Week 1"]),
    (7, ["Bob Okafor", "Bob Okafor & Mia", "04/02/2024", 45, "In person", "=1+1 was a joke",
         "Week 2"]),
    (8, ["Chen Wei", "Chen Wei & Sam", "4/3/2024", time(1, 15), "Text", None, "Week 1"]),
]
CHECKIN_TOTAL_ROW = 10


def checkins() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Check-ins"
    sheet["A1"] = "Mentoring check-ins — Spring 2024"
    put_rows(sheet, CHECKIN_ROWS, CHECKIN_HEADER, 3)
    sheet["A10"] = "Total"
    sheet["B10"] = "=COUNTA(B4:B8)"
    return book


CONTACT_HEADER = ["Duration Minutes", "Contact Types", "Contact Made", "Contact Medium",
                  "Occurred At", "Miles Driven", "Notes"]
CONTACT_ROWS = [
    (2, [30, "Volunteer", "yes", "Phone", datetime(2024, 2, 1, 10, 30), 0, "Monthly check"]),
    (3, [45, "Youth", "Sí", "In person", datetime(2024, 2, 8, 15, 0), 12.5, None]),
    (4, [15, "Guardian", "no", "Text/email", datetime(2024, 2, 9, 9, 0), 0, "No answer"]),
    (5, [60, "Volunteer", "x", "Video", datetime(2024, 3, 1, 18, 0), 3.25, "Λ-test Ω"]),
]
CONTACT_SUM_ROW = 6  # =SUM(A2:A5) and =SUM(F2:F5), no text


def contacts() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    put_rows(sheet, CONTACT_ROWS, CONTACT_HEADER)
    sheet["A6"] = "=SUM(A2:A5)"
    sheet["F6"] = "=SUM(F2:F5)"
    return book


CORPORATE_HEADER = ["organization", "event", "event type", "date", "employees",
                    "volunteer hours", "office"]
CORPORATE_ROWS = [
    (2, ["Acme Corp", "Reading buddies", "Ongoing", date(2024, 1, 10), 12, 36.5, "Boston"]),
    (3, ["Acme Corp", "Learning circle", "Training", date(2024, 1, 24), 8, 16, "Cambridge"]),
    (4, ["Globex", "Career day", "Event", date(2024, 2, 2), 20, 80, "Quincy"]),
]
CORPORATE_TOTAL_ROW = 5  # "Grand total" with =SUM(E2:E4), =SUM(F2:F4)


def corporate() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Hours"
    sheet.append(CORPORATE_HEADER)
    for _, values in CORPORATE_ROWS:
        sheet.append(values)
    sheet.append(["Grand total", None, None, None, "=SUM(E2:E4)", "=SUM(F2:F4)", None])
    return book


HOURS = [
    ["volunteer_email", "date", "hours", "program"],
    ["jose.nunez@acme.example", "2024-01-15", 1.5, "Niños Primero"],
    ["zoe@acme.example", "2024-01-16", 2.0, "Reading, Writing"],
    ["sam.lee@acme.example", "2024-01-17", 0.75, "Café \"Mentors\""],
    ["", "", "", ""],
    ["ana@acme.example", "2024-01-18", 3.0, "=SUM(A1)"],
]
HOURS_EU = [
    ["Horas de voluntariado — enero 2024", "", "", ""],
    ["Correo electrónico", "Fecha", "Horas", "Programa"],
    ["jose.nunez@acme.example", "15/01/2024", 1.5, "Niños Primero"],
    ["zoe@acme.example", "16/01/2024", 2.25, "Lectura; escritura"],
    ["sam.lee@acme.example", "17/01/2024", 0.75, "Café"],
    ["Total", "", 4.5, ""],
]
HOURS_UNICODE = [
    ["Volunteer", "Date", "Hours", "Notes"],
    ["Γιώργος Παπαδόπουλος", "2024-01-15", 1.5, "first session"],
    ["Анна Иванова", "2024-01-16", 2.0, 'said "hi"\tthen left'],
    ["Nguyễn Thị Minh Khai", "2024-01-17", 1.0, ""],
]
REQUIRED = [
    ["Email*", "Full Name*", "Is Mentor (Y/N)", "Cohort", "Preferred Language", "Phone Number",
     "Location", "Skills"],
    ["ana@example.org", "Ana Silva", "Y", "2024A", "Português", "+1 555 0100", "Boston",
     "reading,\nmath"],
    ["  BOB@Example.org", "Bob  Okafor", "n", "=1+2", "English", "555-0101", "Quincy", "@sum"],
    ["chen@example.org", "陈伟", "yes", "2024B", "中文", "", "Somerville", "-chess"],
]
