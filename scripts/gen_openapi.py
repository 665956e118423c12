#!/usr/bin/env python3
"""Writes Sources/CauNoiApp/Resources/openapi.json. The document is checked against the
registered routes by OpenAPITests, so an undocumented or stale route fails the suite, and against the
running server by tests/schemathesis/run.sh (status codes, content types and response schemas).

Status codes every operation shares are added in one place (`standard_errors` below) from what the
operation has, so they cannot drift apart route by route:
  - 403 everywhere: a bearer token that is invalid, expired or revoked is refused by the authentication
    middleware before any route runs, public ones included; so is a cookie-session write without its CSRF token.
  - 401 on every operation that needs someone signed in (no token, no session).
  - 400, 413 and 422 on every JSON body: 400 when the body is not JSON or not sent as application/json,
    413 over the route's size limit (256 KB; 8 MB for batches and uploads), 422 when it is JSON of the
    wrong shape or fails validation (every field in error is listed).
  - 400 and 422 on every query string: 400 when it cannot be parsed (e.g. `?a[=1`), 422 when a value
    has the wrong type or is out of range.
  - 404 on every path parameter: an unknown id, an id that is not a UUID, or a record outside the
    caller's area (reads and writes alike: a record the caller cannot read is "not found").
"""
import copy, json, pathlib

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def arr(item): return {"type": "array", "items": item}
S = {"type": "string"}; I = {"type": "integer"}; B = {"type": "boolean"}; N = {"type": "number"}
UUID = {"type": "string", "format": "uuid"}; DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
def nullable(s): return {**s, "nullable": True}
def obj(props, required=()):
    o = {"type": "object", "properties": props}
    if required: o["required"] = list(required)
    return o
def inp(props, required=(), not_null=()):
    """A request object. The server reads a missing optional field and one sent as null alike, so optional
    fields are documented nullable (except those in not_null, which refuse null)."""
    return obj({k: (v if k in required or k in not_null else {**v, "nullable": True}) for k, v in props.items()}, required)
def or_empty(s, desc=None):
    """An optional string the server reads as "not given" when it is empty."""
    out = {"type": "string", "anyOf": [{k: v for k, v in s.items() if k not in ("type", "description")}, {"maxLength": 0}]}
    if desc or s.get("description"): out["description"] = desc or s["description"]
    return out
def q(name, schema, desc): return {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}
def p(name, schema, desc): return {"name": name, "in": "path", "required": True, "schema": schema, "description": desc}
def ok(schema, code="200", desc="OK"): return {code: {"description": desc, "content": {"application/json": {"schema": schema}}}}
ERROR_TEXT = {
    "400": "Yêu cầu không đọc được / malformed request: the body is not JSON or not sent as application/json, or the query string cannot be parsed",
    "401": "Chưa đăng nhập / not signed in: no API token and no session",
    "403": "Không có quyền / forbidden: invalid, expired or revoked token, missing CSRF token on a session write, or outside the caller's scope",
    "404": "Không tìm thấy / not found (also a record outside the caller's area, so guessed ids reveal nothing)",
    "409": "Xung đột / conflict with the current state",
    "413": "Dữ liệu quá lớn / request body too large",
    "422": "Dữ liệu chưa hợp lệ / validation failed; `fields` lists every field in error",
    "429": "Quá nhiều lần thử / too many attempts",
    "503": "Máy chủ đang bận / too busy, retry later",
}
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before trying again", "schema": {"type": "integer", "minimum": 1}}}
def err(code, schema=None, desc=None, headers=None):
    r = {"description": desc or ERROR_TEXT[str(code)], "content": {"application/json": {"schema": schema or ref("Error")}}}
    if headers: r["headers"] = headers
    return r
def errors(*codes): return {str(c): err(c) for c in codes}
def body(schema): return {"required": True, "content": {"application/json": {"schema": schema}}}
PAGE = lambda item: obj({"items": arr(item), "page": I, "per": I, "total": I}, ["items", "page", "per", "total"])
page_params = [q("page", {"type": "integer", "minimum": 1, "maximum": 100000}, "1-based page"),
               q("per", {"type": "integer", "minimum": 1}, "page size (each list has its own maximum)")]
CSV = {"200": {"description": "CSV (UTF-8 with BOM)", "content": {"text/csv": {"schema": S}}}}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX = {"200": {"description": "XLSX", "content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}
def sheet_body(csv_example):
    """An uploaded spreadsheet: CSV (UTF-8, with or without BOM, comma or semicolon) or XLSX."""
    return {"required": True, "content": {"text/csv": {"schema": S, "example": csv_example},
                                          XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}}}
def sheet_errors(result, bad_rows):
    """What every spreadsheet upload can answer besides its result."""
    return {"400": err(400, desc="Tệp trống hoặc không đọc được / empty body, not UTF-8 CSV, or a broken XLSX"),
            "413": err(413, desc="Tệp quá lớn / file too large"),
            "422": err(422, schema={"anyOf": [ref(result), ref("Error")]}, desc=bad_rows),
            "503": err(503, headers=RETRY_AFTER, desc="Quá nhiều tệp đang được xử lý / too many files being read at once; retry after Retry-After")}
LANGS = {"type": "array", "items": {"type": "string", "enum": ["vi", "km", "tay", "thai", "muong", "hmong", "nung", "dao", "jrai", "ede", "bana", "cham"]}}
def body_ex(schema, example):
    b = body(schema)
    b["content"]["application/json"]["example"] = example
    return b
ROLES = ["central_admin", "province_admin", "commune_admin", "team_leader", "volunteer", "observer"]

schemas = {
  "FieldError": obj({"field": S, "message": S, "message_en": S}, ["field", "message", "message_en"]),
  "Error": obj({"error": obj({"code": {"type": "string", "description": "machine-readable, e.g. validation_failed, not_found, bad_request, "
                    "conflict, payload_too_large, unauthenticated, bad_credentials, forbidden, too_many_attempts, busy, database_unavailable, method_not_allowed"},
                  "message": {**S, "description": "Vietnamese"}, "message_en": {**S, "description": "English"},
                  "fields": arr(ref("FieldError"))}, ["code", "message", "message_en", "fields"])}, ["error"]),
  "Health": obj({"status": S, "database": {"type": "string", "enum": ["sqlite", "postgres"]}, "provinces": I, "communes": I},
                ["status", "database", "provinces", "communes"]),
  "Campaign": obj({"code": S, "name": S, "start_date": DATE, "end_date": nullable({**DATE, "description": "null: open-ended"}),
                   "status": {"type": "string", "enum": ["draft", "active", "closed"]},
                   "week_starts_on": {"type": "integer", "minimum": 1, "maximum": 7, "description": "first day of the reporting week, ISO: 1 = Monday … 4 = Thursday … 7 = Sunday"},
                   "report_deadline": ref("ReportDeadline"), "briefing_weekday": {"type": "integer", "minimum": 1, "maximum": 7},
                   "categories": arr(obj({"code": S, "name": S, "retired": B}, ["code", "name", "retired"])),
                   "required_courses": arr(obj({"code": S, "name": S}, ["code", "name"])),
                   "provinces": nullable({**arr(S), "description": "null: the whole nation"}),
                   "request_retention_days": {"type": "integer", "minimum": 1, "maximum": 365, "description": "days a closed home-visit request keeps the citizen's contact data"},
                   "open": {**B, "description": "active and today inside its period"},
                   "current_week": obj({"start": DATE, "end": DATE, "number": I, "label": S}, ["start", "end", "number", "label"])},
                  ["code", "name", "start_date", "end_date", "status", "week_starts_on", "report_deadline", "briefing_weekday",
                   "categories", "required_courses", "provinces", "request_retention_days", "open", "current_week"]),
  "ReportDeadline": obj({"weekday": {"type": "integer", "minimum": 1, "maximum": 7, "description": "the first such day on or after the week's last day"},
                         "hour": {"type": "integer", "minimum": 0, "maximum": 23}, "minute": {"type": "integer", "minimum": 0, "maximum": 59}},
                        ["weekday", "hour", "minute"]),
  "CampaignInput": inp({"code": {**S, "description": "lowercase ASCII letters, digits and dashes, 2–40 (409 if taken); ignored on PUT"},
                   "name": S, "start_date": DATE, "end_date": nullable({**DATE, "description": "absent or null: open-ended"}),
                   "status": or_empty({"type": "string", "enum": ["draft", "active", "closed"]}, "default draft"),
                   "week_starts_on": {"type": "integer", "description": "1 = Monday … 7 = Sunday; default 1"},
                   "report_deadline": inp({"weekday": I, "hour": I, "minute": I}, ["weekday", "hour", "minute"]),
                   "briefing_weekday": I,
                   "categories": arr(inp({"code": S, "name": S, "retired": B}, ["code", "name"])),
                   "required_courses": arr(inp({"code": S, "name": S}, ["code", "name"])),
                   "provinces": nullable({**arr(S), "description": "province codes; absent or null: the whole nation"}),
                   "request_retention_days": {"type": "integer", "description": "1–365 days a closed home-visit request keeps its contact data; default 30"}},
                  ["name", "start_date", "categories"]),
  "OrgUnitAttributesInput": inp({"is_border": B, "is_island": B, "is_remote": B, "is_ethnic_area": B,
               "languages": LANGS, "service_centre_address": S, "hotline": S}),
  "OrgUnitAttributes": obj({"is_border": B, "is_island": B, "is_remote": B, "is_ethnic_area": B,
               "languages": arr(S), "service_centre_address": S, "hotline": S},
               ["is_border", "is_island", "is_remote", "is_ethnic_area", "languages"]),
  "OrgUnit": obj({"code": S, "name": S, "level": {"type": "string", "enum": ["national", "province", "commune"]},
              "type": S, "type_name": S, "parent_code": S, "province_code": S, "attributes": ref("OrgUnitAttributes")},
              ["code", "name", "level", "type", "type_name", "attributes"]),
  "OrgUnitList": obj({"items": arr(ref("OrgUnit")), "count": I}, ["items", "count"]),
  "VolunteerInput": inp({"full_name": S, "phone": {**S, "description": "Vietnamese mobile number; unique (409 if taken)"},
                     "birth_year": I, "gender": {"type": "string", "enum": ["male", "female", "other"]},
                     "union_member": B, "affiliation": S, "home_commune_code": {**S, "description": "5-digit commune code"},
                     "force_type": {"type": "string", "enum": ["local", "reinforcement", "student"]},
                     "tech_skill": or_empty({"type": "string", "enum": ["basic", "intermediate", "advanced"]}, "default basic"),
                     "communication_skill": or_empty({"type": "string", "enum": ["basic", "intermediate", "advanced"]}, "default basic"),
                     "languages": LANGS, "has_motorbike": B, "consent_date": {**DATE, "description": "not in the future"},
                     "status": or_empty({"type": "string", "enum": ["active", "paused", "left"]}, "default active")},
                     ["full_name", "phone", "gender", "home_commune_code", "force_type", "consent_date"]),
  "CourseCompletionInput": inp({"course_code": {**S, "description": "a required course of a campaign"},
                                "completed_on": {**DATE, "description": "not in the future"}, "certificate_no": S, "source": S},
                               ["course_code", "completed_on"]),
  "CourseCompletion": obj({"course_code": S, "completed_on": DATE, "certificate_no": S, "source": S},
                          ["course_code", "completed_on"]),
  "Volunteer": obj({"id": UUID, "full_name": S,
                    "phone": {**S, "description": "only for callers on the volunteer's own unit chain, and the volunteer"},
                    "birth_year": {**I, "description": "as phone"}, "gender": S, "union_member": B, "affiliation": S,
                    "home_commune_code": S, "province_code": S, "force_type": S, "tech_skill": S, "communication_skill": S,
                    "languages": arr(S), "has_motorbike": B, "consent_date": S, "status": S, "courses": arr(ref("CourseCompletion"))},
                   ["id", "full_name", "gender", "union_member", "home_commune_code", "province_code", "force_type",
                    "tech_skill", "communication_skill", "languages", "has_motorbike", "status", "courses"]),
  "VolunteerSummary": obj({"id": UUID, "full_name": S, "phone_masked": S, "home_commune_code": S,
                           "force_type": S, "status": S, "languages": arr(S)},
                          ["id", "full_name", "home_commune_code", "force_type", "status", "languages"]),
  "TeamInput": inp({"name": S, "code": {**S, "description": "2–20 letters, digits or dashes; generated when left out"},
                    "home_commune_code": S,
                    "kind": {"type": "string", "enum": ["service_centre", "mobile", "community_digital", "home_support"]},
                    "leader_id": or_empty(UUID), "hotline": {**S, "description": "required for home_support teams"},
                    "active_from": DATE, "active_to": or_empty(DATE), "covered_communes": arr(S),
                    "members": arr(inp({"volunteer_id": UUID, "from": or_empty(DATE, "default: active_from"), "to": or_empty(DATE)},
                                       ["volunteer_id"])),
                    "duty_days": {**arr({"type": "integer", "minimum": 1, "maximum": 7}), "description": "days on duty, 1 = Monday … 7 = Sunday (shown to citizens)"},
                    "duty_hours": {**or_empty(S), "description": "hours as written, e.g. 7:30–11:30, 13:30–17:00"},
                    "schedule_note": {**or_empty(S), "description": "a mobile team's stops, shown to citizens; no personal data"},
                    "min_members": {"type": "integer", "minimum": 1, "maximum": 100, "description": "reinforcement proposals never take the team below this (default 3)"}},
                   ["name", "home_commune_code", "kind", "active_from"]),
  "TeamMember": obj({"volunteer_id": UUID, "full_name": S, "from": DATE, "to": DATE}, ["volunteer_id", "full_name", "from"]),
  "Team": obj({"id": UUID, "code": S, "name": S, "home_commune_code": S, "province_code": S, "kind": S,
               "kind_name": S, "leader_id": UUID, "hotline": S, "active_from": DATE, "active_to": DATE,
               "covered_communes": arr(S),
               "members": {**arr(ref("TeamMember")), "description": "current and past members; left out for callers who may not see people"},
               "member_count": I, "duty_days": arr(I), "duty_hours": S, "schedule_note": S, "min_members": I},
              ["id", "code", "name", "home_commune_code", "province_code", "kind", "kind_name", "active_from", "covered_communes", "duty_days", "min_members"]),
  "SupportEntryInput": inp({"id": {**UUID, "description": "client-generated; re-sending the same entry is a no-op"},
                     "campaign": {**S, "description": "campaign code; default: the batch's campaign, else the one running in the commune's province that day (rejected naming them when several run)"},
                     "team_id": UUID, "commune_code": S, "date": DATE, "volunteer_ids": arr(UUID),
                     "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 2000}},
                     "beneficiaries": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
                     "place": {"type": "string", "enum": ["service_centre", "home", "village", "mobile_point"]},
                     "languages": LANGS, "note": {"type": "string", "maxLength": 280,
                     "description": "no citizen personal data: notes with an ID-card or phone number are rejected"}},
                     ["id", "team_id", "commune_code", "date", "counts", "place"]),
  "SupportEntry": obj({"id": UUID, "campaign": S, "team_id": UUID, "commune_code": S, "province_code": S,
                   "date": DATE, "volunteer_ids": arr(UUID), "counts": {"type": "object", "additionalProperties": I},
                   "beneficiaries": {"type": "object", "additionalProperties": I}, "total": I, "place": S,
                   "languages": arr(S), "note": S,
                   "entry_id": {**UUID, "description": "the logical entry (its first version's id)"},
                   "version": I, "is_current": {**B, "description": "only the current version counts"}},
                  ["id", "campaign", "team_id", "commune_code", "province_code", "date", "volunteer_ids", "counts",
                   "beneficiaries", "total", "place", "languages", "entry_id", "version", "is_current"]),
  "EntryResult": obj({"id": S,
                  "status": {"type": "string", "enum": ["created", "duplicate", "conflict", "rejected"]},
                  "error": obj({"message": S, "message_en": S, "fields": arr(ref("FieldError"))}, ["message", "message_en", "fields"])},
                  ["status"]),
  "BatchResult": obj({"results": arr(ref("EntryResult")),
                  "summary": obj({"created": I, "duplicate": I, "conflict": I, "rejected": I}, ["created", "duplicate", "conflict", "rejected"])},
                  ["results", "summary"]),
}

paths = {
  "/healthz": {"get": {"summary": "Liveness and database check", "security": [], "responses": ok(ref("Health"))}},
  "/openapi.json": {"get": {"summary": "This document", "security": [], "responses": ok({"type": "object"}, desc="OpenAPI 3 document")}},
  "/api/v1/campaigns": {
      "get": {"summary": "Campaigns with their categories, required courses and reporting week", "security": [],
              "responses": ok(arr(ref("Campaign")))},
      "post": {"summary": "Create a campaign (central admins); audited",
               "requestBody": body_ex(ref("CampaignInput"), {"code": "nam-2026", "name": "Tổ công nghệ số cộng đồng 2026", "start_date": "2026-01-01",
                   "status": "active", "week_starts_on": 4, "categories": [{"code": "vneid", "name": "Cài đặt, kích hoạt VNeID"}]}),
               "responses": {**ok(ref("Campaign"), "201", "Created"), **errors(409)}}},
  "/api/v1/campaigns/{code}": {
      "get": {"summary": "One campaign", "security": [], "parameters": [p("code", S, "campaign code")], "responses": ok(ref("Campaign"))},
      "put": {"summary": "Change a campaign (central admins); a change that would alter stored data's meaning is refused (422); audited",
              "parameters": [p("code", S, "campaign code")],
              "requestBody": body_ex(ref("CampaignInput"), {"name": "Hè 2025", "start_date": "2025-07-01", "end_date": "2025-08-31",
                   "status": "closed", "week_starts_on": 4, "categories": [{"code": "vneid", "name": "Cài đặt, kích hoạt VNeID"}]}),
              "responses": ok(ref("Campaign"))}},
  "/api/v1/org-units": {"get": {"summary": "List or search org units (search folds diacritics, case and NFC/NFD)", "security": [],
      "parameters": [q("level", {"type": "string", "enum": ["national", "province", "commune"]}, "level"),
                     q("parent", S, "parent code (404 if there is no such unit)"), q("q", {"type": "string", "maxLength": 100}, "search text"),
                     q("limit", {"type": "integer", "minimum": 1, "maximum": 500}, "1–500, default 50")],
      "responses": {**ok(ref("OrgUnitList")), **errors(404)}}},
  "/api/v1/org-units/{code}": {
      "get": {"summary": "One org unit", "security": [], "parameters": [p("code", S, "VN, 2-digit province or 5-digit commune code")],
              "responses": ok(ref("OrgUnit"))},
      "patch": {"summary": "Set an org unit's attributes", "parameters": [p("code", S, "unit code")],
                "requestBody": body_ex(ref("OrgUnitAttributesInput"), {"is_remote": False, "languages": ["vi", "tay"],
                    "service_centre_address": "Số 1 phố Lý Thái Tổ", "hotline": "02439000000"}),
                "responses": ok(ref("OrgUnit"))}},
  "/api/v1/volunteers": {
      "get": {"summary": "List volunteers (phones masked; only on the volunteer's own unit chain)",
              "parameters": [q("commune", S, "commune code"), q("province", S, "province code"), q("q", S, "name search"),
                             q("status", {"type": "string", "enum": ["active", "paused", "left"]}, "status")] + page_params,
              "responses": ok(PAGE(ref("VolunteerSummary")))},
      "post": {"summary": "Register a volunteer", "requestBody": body_ex(ref("VolunteerInput"), {
                   "full_name": "Lê Văn Ví Dụ", "phone": "0987000001", "gender": "male", "birth_year": 2004, "home_commune_code": "00070",
                   "force_type": "student", "tech_skill": "intermediate", "languages": ["vi"], "consent_date": "2025-06-25"}),
               "responses": {**ok(ref("Volunteer"), "201", "Created"), **errors(409)}}},
  "/api/v1/volunteers/{id}": {
      "get": {"summary": "One volunteer", "parameters": [p("id", UUID, "volunteer id")], "responses": ok(ref("Volunteer"))},
      "put": {"summary": "Replace a volunteer's details", "parameters": [p("id", UUID, "volunteer id")],
              "requestBody": body_ex(ref("VolunteerInput"), {
                  "full_name": "Lê Thị Ví Dụ", "phone": "0987000002", "gender": "female", "home_commune_code": "00070",
                  "force_type": "local", "consent_date": "2025-06-25", "status": "active", "has_motorbike": True}),
              "responses": {**ok(ref("Volunteer")), **errors(409)}}},
  "/api/v1/volunteers/template.xlsx": {"get": {"summary": "The volunteer list template (Vietnamese headers, one example row)", "security": [],
      "responses": XLSX}},
  "/api/v1/volunteers/import": {"post": {"summary": "Import a list of volunteers (XLSX, or CSV UTF-8 with or without BOM, comma or semicolon; up to 60,000 rows). Any bad row stores nothing unless store_valid=true; a phone already registered is left unchanged and counted as existing, so re-uploads store nothing twice",
      "parameters": [q("store_valid", B, "store the valid rows of a file with bad ones")],
      "requestBody": sheet_body("Họ và tên,Số điện thoại,Giới tính,\"Xã, phường cư trú\",Ngày đồng ý\nNguyễn Thị Mai,0912345678,Nữ,Phường Hoàn Kiếm,15/07/2025\n"),
      "responses": {**ok(ref("VolunteerImportResult")),
                    **sheet_errors("VolunteerImportResult", "Bad rows, nothing stored (every bad row with its line and column), or a bad query value"),
                    "403": err(403, desc="Không có quyền thêm tình nguyện viên / no right to register volunteers"),
                    "409": err(409, desc="A phone in the file was registered meanwhile; nothing stored, send again")}}},
  "/api/v1/course-completions/import": {"post": {"summary": "Import course completions from a learning platform's export (XLSX, or CSV UTF-8 with or without BOM, comma or semicolon), matched to volunteers of the caller's area by phone. Any bad row stores nothing unless store_valid=true; phones matching nobody in the area are listed (masked) and do not block the file, but a file matching nobody stores nothing (422). A volunteer's completion of a course is stored once: re-uploads change nothing, a later date or certificate updates it",
      "parameters": [q("course", S, "course code for the whole file (then no course column is needed)"),
                     q("store_valid", B, "store the valid rows of a file with bad ones")],
      "requestBody": sheet_body("Số điện thoại,Khóa học,Ngày hoàn thành\n0912345678,Bình dân học vụ số,15/07/2025\n"),
      "responses": {**ok(ref("CourseImportResult")),
                    **sheet_errors("CourseImportResult", "Bad rows or no row matching a volunteer of the area; nothing stored"),
                    "403": err(403, desc="Không có quyền cập nhật tình nguyện viên / no right to update volunteers")}}},
  "/api/v1/volunteers/{id}/courses": {"post": {"summary": "Record a course completion (replaces an earlier one for the same course)",
      "parameters": [p("id", UUID, "volunteer id")], "requestBody": body_ex(ref("CourseCompletionInput"), {"course_code": "binh_dan_hoc_vu_so", "completed_on": "2025-06-30", "source": "app"}),
      "responses": ok(ref("CourseCompletion"), "201", "Created")}},
  "/api/v1/teams": {
      "get": {"summary": "List teams", "parameters": [q("commune", S, "home or covered commune"), q("province", S, "province code"),
              q("kind", {"type": "string", "enum": ["service_centre", "mobile", "community_digital", "home_support"]}, "team kind"),
              q("q", S, "name search")] + page_params, "responses": ok(PAGE(ref("Team")))},
      "post": {"summary": "Create a team with its first members", "requestBody": body_ex(ref("TeamInput"), {
                   "name": "Đội hình hỗ trợ phường Cửa Nam", "home_commune_code": "00073", "kind": "mobile", "active_from": "2025-07-01",
                   "covered_communes": ["00070"], "hotline": "0243 9000 001"}),
               "responses": ok(ref("Team"), "201", "Created")}},
  "/api/v1/teams/{id}": {
      "get": {"summary": "One team with current and past members", "parameters": [p("id", UUID, "team id")],
              "responses": ok(ref("Team"))},
      "put": {"summary": "Update a team's details and coverage (members change through /members)", "parameters": [p("id", UUID, "team id")],
              "requestBody": body_ex(ref("TeamInput"), {"name": "Đội hình hỗ trợ phường Hoàn Kiếm", "home_commune_code": "00070",
                  "kind": "service_centre", "active_from": "2025-07-01", "covered_communes": ["00073"]}),
              "responses": ok(ref("Team"))}},
  "/api/v1/teams/{id}/members": {"post": {"summary": "Add a member from a date", "parameters": [p("id", UUID, "team id")],
      "requestBody": body_ex(inp({"volunteer_id": UUID, "from": DATE, "to": or_empty(DATE)}, ["volunteer_id", "from"]),
                             {"volunteer_id": "0198a000-0000-7000-8000-0000000000b1", "from": "2025-07-15"}),
      "responses": {**ok(ref("Team"), "201", "Created"), **errors(409)}}},
  "/api/v1/teams/{id}/members/{volunteerID}/end": {"post": {"summary": "End a membership (history is kept); 404 if the volunteer is not a current member",
      "parameters": [p("id", UUID, "team id"), p("volunteerID", UUID, "volunteer id")],
      "requestBody": body_ex(inp({"to": DATE}, ["to"]), {"to": "2025-08-15"}), "responses": ok(ref("Team"))}},
  "/api/v1/support-entries": {"get": {"summary": "List support entries",
      "parameters": [q("campaign", S, "campaign code (422 if unknown)"), q("team", UUID, "team id"), q("commune", S, "commune code"),
                     q("province", S, "province code"), q("from", DATE, "first date"), q("to", DATE, "last date")] + page_params,
      "responses": ok(PAGE(ref("SupportEntry")))}},
  "/api/v1/support-entries/batch": {"post": {"summary": "Store up to 5,000 entries; idempotent by client id; one result per entry",
      "description": "Each entry is checked on its own: a bad entry is answered with status `rejected` and its field errors, "
                     "the others are still stored, and the call answers 200. Only a body that is not an object with an "
                     "`entries` array (or an empty one) is refused as a whole (422); more than 5,000 entries answer 413.",
      "requestBody": body_ex(obj({"campaign": S, "entries": {**arr(ref("SupportEntryInput")), "minItems": 1, "maxItems": 5000}}, ["entries"]),
          {"entries": [{"id": "0198a000-0000-7000-8000-0000000000e1", "team_id": "0198a000-0000-7000-8000-0000000000a1",
                        "commune_code": "00070", "date": "2025-08-12", "counts": {"vneid": 4, "thanh_toan": 1}, "place": "service_centre"}]}),
      "responses": ok(ref("BatchResult"))}},
}

schemas.update({
  "Assignment": obj({"role": {"type": "string", "enum": ROLES}, "unit_code": S, "team_id": UUID, "volunteer_id": UUID}, ["role"]),
  "AssignmentInput": inp({"role": {"type": "string", "enum": ROLES},
      "unit_code": {**S, "description": "province_admin: 2 digits; commune_admin: 5 digits; observer: VN, 2 or 5 digits; ignored for the other roles"},
      "team_id": {**S, "description": "UUID of the team; required for team_leader, ignored otherwise"},
      "volunteer_id": {**S, "description": "UUID of the volunteer; required for volunteer, ignored otherwise"}}, ["role"]),
  "Me": obj({"id": UUID, "username": S, "display_name": S, "assignments": arr(ref("Assignment")),
             "csrf_token": {**S, "description": "for session sign-ins: send it as X-CSRF-Token on every write"}},
            ["id", "username", "display_name", "assignments"]),
  "Token": obj({"id": UUID, "name": S, "role": S, "unit_code": S, "team_id": UUID,
                "expires_at": DATETIME, "revoked": B,
                "token": {**S, "description": "only in the response that creates it"}},
               ["id", "name", "role", "expires_at", "revoked"]),
  "User": obj({"id": UUID, "username": S, "display_name": S, "is_active": B,
               "assignments": arr(ref("Assignment")), "setup_link": {**S, "description": "one-time link to set a password; only on creation"}},
              ["id", "username", "display_name", "is_active", "assignments"]),
  "AuditEntry": obj({"id": UUID, "at": DATETIME, "user_id": UUID,
                 "username": S, "role": S, "unit_code": S, "province_code": S, "action": S,
                 "object_type": S, "object_id": S, "outcome": {"type": "string", "enum": ["ok", "denied", "failed"]},
                 "request_id": S, "client_ip": S, "detail": S}, ["id", "at", "action", "outcome"]),
})
creds = inp({"username": S, "password": S}, ["username", "password"])
paths.update({
  "/api/v1/auth/login": {"post": {"summary": "Sign in with a password; sets the session cookie and returns the CSRF token. "
                                             "5 failures for one account or from one address within 15 minutes lock further attempts (429)",
      "security": [], "requestBody": body_ex(creds, {"username": "tw.admin", "password": "mật khẩu đủ dài"}),
      "responses": {**ok(ref("Me")), "401": err(401, desc="Sai tên đăng nhập hoặc mật khẩu / wrong username or password"),
                    "429": err(429, headers=RETRY_AFTER)}}},
  "/api/v1/auth/logout": {"post": {"summary": "End this session on the server (a session needs X-CSRF-Token); without a session it does nothing",
      "security": [{}, {"session": []}], "responses": {"204": {"description": "Signed out"}}}},
  "/api/v1/auth/me": {"get": {"summary": "Who is signed in", "responses": ok(ref("Me"))}},
  "/api/v1/tokens": {
      "get": {"summary": "My API tokens (secrets are never shown again)", "responses": ok(arr(ref("Token")))},
      "post": {"summary": "Create an API token with my scope or a narrower one (403 if broader); one made with a token expires no later than it",
               "requestBody": body_ex(inp({"name": {"type": "string", "minLength": 1, "maxLength": 80},
                   "role": {"type": "string", "enum": ROLES, "description": "with unit_code, team_id or volunteer_id as in AssignmentInput; default: my own assignment"},
                   "unit_code": S, "team_id": S, "volunteer_id": S,
                   "days": {"type": "integer", "minimum": 1, "maximum": 365, "description": "lifetime in days; omit it for 90 (null is refused)"}},
                   ["name"], not_null=["days"]), {"name": "Điện thoại đội 00070-1", "role": "observer", "unit_code": "01", "days": 30}),
               "responses": ok(ref("Token"), "201", "Created")}},
  "/api/v1/tokens/{id}/revoke": {"post": {"summary": "Revoke a token and every token made with it", "parameters": [p("id", UUID, "token id")],
      "responses": ok(ref("Token"))}},
  "/api/v1/users": {"post": {"summary": "Create a user with roles inside my scope (403 otherwise); returns a one-time set-up link",
      "requestBody": body_ex(inp({"username": {**S, "description": "3–64 unaccented letters, digits, . _ - or @; case-insensitive"},
                                  "display_name": S, "assignments": {**arr(ref("AssignmentInput")), "minItems": 1}},
                                 ["username", "display_name", "assignments"]),
                             {"username": "hk.admin", "display_name": "Xã Hoàn Kiếm", "assignments": [{"role": "commune_admin", "unit_code": "00070"}]}),
      "responses": {**ok(ref("User"), "201", "Created"), **errors(409)}}},
  "/api/v1/users/{id}": {"get": {"summary": "A user I manage", "parameters": [p("id", UUID, "user id")], "responses": ok(ref("User"))}},
  "/api/v1/users/{id}/disable": {"post": {"summary": "Disable a user and end all their sessions", "parameters": [p("id", UUID, "user id")],
      "responses": ok(ref("User"))}},
  "/api/v1/users/{id}/end-sessions": {"post": {"summary": "End all of a user's sessions", "parameters": [p("id", UUID, "user id")],
      "responses": ok(obj({"ended": I}, ["ended"]))}},
  "/api/v1/audit": {"get": {"summary": "Audit trail within my scope (central: all; province: my province)",
      "parameters": [q("action", S, "action"), q("username", S, "user"), q("from", DATE, "first local day"), q("to", DATE, "last local day"),
                     page_params[0], q("per", {"type": "integer", "minimum": 1, "maximum": 500}, "page size, at most 500")],
      "responses": ok(PAGE(ref("AuditEntry")))}},
  "/api/v1/exports/volunteers.csv": {"get": {"summary": "Volunteers as CSV (UTF-8 with BOM; formula cells neutralised); audited",
      "parameters": [q("commune", S, "commune code"), q("province", S, "province code")], "responses": CSV}},
})
WEEK_DESC = "the campaign's week number (7), a day in the week (2025-08-07), or an ISO week (2025-W32, Monday to Sunday)"
period_params = [q("campaign", S, "campaign code (default: the one running today; 422 if unknown)"),
                 q("unit", S, "VN, a 2-digit province, a 5-digit commune or a team id (404 if unknown)"),
                 q("week", S, WEEK_DESC), q("from", DATE, "first day (with to)"), q("to", DATE, "last day (at most 366 days)")]
figure_props = {
    "teams_maintained": I, "volunteers_active": I, "supports": I,
    "supports_by_category": {"type": "object", "additionalProperties": I}, "supports_by_group": {"type": "object", "additionalProperties": I},
    "supports_by_place": {"type": "object", "additionalProperties": I}, "communes_covered": I, "communes_in_scope": I,
    "border_island_covered": I, "border_island_in_scope": I, "trained_active": I,
    "training_compliance": nullable(N), "coverage": nullable(N), "border_island_coverage": nullable(N)}
schemas["RollupFigures"] = obj(figure_props, list(figure_props))
# Current minus previous, key by key (a key missing on one side counts as 0 there).
delta_props = {k: v for k, v in figure_props.items() if k not in ("training_compliance", "coverage", "border_island_coverage")}
schemas["RollupDelta"] = obj(delta_props, list(delta_props))
unit_ref = obj({"code": S, "name": S, "level": S}, ["code", "name", "level"])
schemas["Rollup"] = obj({"campaign": S, "unit": unit_ref, "from": DATE, "to": DATE,
    "week": {**S, "description": "first day of the campaign's reporting week, when the period is one"},
    "week_label": {**S, "description": "e.g. Tuần 07/8–13/8/2025 (tuần thứ 7 của chiến dịch)"},
    "current": ref("RollupFigures"), "previous": ref("RollupFigures"), "change": ref("RollupDelta"), "cumulative": ref("RollupFigures"),
    "children": arr(obj({"unit": unit_ref, "current": ref("RollupFigures")}, ["unit", "current"])), "summary": S},
    ["campaign", "unit", "from", "to", "current", "previous", "change", "cumulative", "children", "summary"])
paths.update({
  "/api/v1/reports/rollup": {"get": {"summary": "Live rollup for a unit and period, with the previous period, the campaign so far and each child unit",
      "parameters": period_params, "responses": {**ok(ref("Rollup")), **errors(404)}}},
  "/api/v1/reports/rollup.xlsx": {"get": {"summary": "The rollup's child table as XLSX", "parameters": period_params,
      "responses": {**XLSX, **errors(404)}}},
  "/api/v1/reports/rollup.csv": {"get": {"summary": "The rollup's child table as CSV (UTF-8 with BOM)", "parameters": period_params,
      "responses": {**CSV, **errors(404)}}},
})

difficulty_input = inp({
    "category": {"type": "string", "enum": ["equipment", "network", "staff_shortage", "procedure", "platform_fault", "other"]},
    "severity": or_empty({"type": "string", "enum": ["low", "medium", "high"]}, "default medium"), "description": S,
    "reinforcement_requested": B, "reinforcement_note": S}, ["category", "description"])
schemas["Difficulty"] = obj({"id": UUID, "report_id": UUID, "commune_code": S, "province_code": S,
    "week": S, "category": S, "category_name": S, "severity": S, "description": S, "reinforcement_requested": B,
    "reinforcement_note": S, "status": {"type": "string", "enum": ["open", "acknowledged", "escalated", "resolved"]},
    "status_name": S, "owner_name": S, "resolution_note": S, "age_days": I, "created_at": DATETIME},
    ["id", "report_id", "commune_code", "province_code", "week", "category", "category_name", "severity", "description",
     "reinforcement_requested", "status", "status_name", "age_days", "created_at"])
schemas["WeeklyReportInput"] = inp({
    "campaign": {**S, "description": "campaign code; default: the one running today"}, "commune_code": S,
    "week": {**S, "description": "one of the campaign's weeks: its first day or any day in it (2025-08-07), or its number (7); an ISO week only for campaigns whose weeks start on Monday"}, "highlights": S, "proposals": S, "good_practice": S,
    "difficulties": arr(difficulty_input)}, ["commune_code", "week", "highlights"])
schemas["WeeklyReportEdit"] = inp({"highlights": S, "proposals": S, "good_practice": S,
    "difficulties": {**arr(difficulty_input), "description": "added to those already reported"}}, ["highlights"])
schemas["WeeklyReportEdit"]["description"] = "The report's commune, week and campaign cannot change; if sent, they are ignored."
schemas["WeeklyReport"] = obj({"id": UUID, "commune_code": S, "province_code": S, "week": S,
    "highlights": S, "proposals": S, "good_practice": S,
    "status": {"type": "string", "enum": ["submitted", "approved", "reopened"]}, "submitted_at": DATETIME,
    "on_time": B, "approved_at": DATETIME, "reopen_reason": {**S, "description": "why the province sent it back (until the commune resubmits)"},
    "difficulties": arr(ref("Difficulty"))},
    ["id", "commune_code", "province_code", "week", "highlights", "status", "submitted_at", "on_time", "difficulties"])
row = obj({"code": S, "name": S, "expected": I, "submitted": I, "on_time": I, "late": I, "missing": I,
           "missing_communes": arr(unit_ref)}, ["code", "name", "expected", "submitted", "on_time", "late", "missing", "missing_communes"])
report_id = [p("id", UUID, "report id")]
paths.update({
  "/api/v1/reports/completeness": {"get": {"summary": "Reports expected, submitted, on time, late and missing for a week",
      "parameters": [q("campaign", S, "campaign code (422 if unknown)"), q("week", S, "(required) one of the campaign's weeks: a day in it (2025-08-07) or its number (7)"),
                     q("unit", S, "VN or a province code (404 if unknown)")],
      "responses": {**ok(obj({"campaign": S, "week": S, "week_label": S, "from": DATE, "to": DATE, "unit": unit_ref, "total": row, "rows": arr(row)},
                             ["campaign", "week", "week_label", "from", "to", "unit", "total", "rows"])),
                    **errors(404)}}},
  "/api/v1/weekly-reports": {
      "get": {"summary": "Weekly reports in my scope", "parameters": [q("campaign", S, "campaign (422 if unknown)"), q("week", S, "a day of one of the campaign's weeks, or its number"),
              q("province", S, "province"), q("status", S, "submitted, approved or reopened")], "responses": ok(arr(ref("WeeklyReport")))},
      "post": {"summary": "Submit a commune's weekly report (one per commune and week: 409 for a second)",
               "requestBody": body_ex(ref("WeeklyReportInput"), {"commune_code": "00073", "week": "2025-08-14",
                   "highlights": "Hỗ trợ người dân cài đặt VNeID tại trung tâm.", "proposals": "Bổ sung máy tính bảng.",
                   "difficulties": [{"category": "equipment", "severity": "high", "description": "Thiếu máy in.", "reinforcement_requested": True}]}),
               "responses": {**ok(ref("WeeklyReport"), "201", "Created"), **errors(409)}}},
  "/api/v1/weekly-reports/{id}": {
      "get": {"summary": "One weekly report", "parameters": report_id, "responses": ok(ref("WeeklyReport"))},
      "put": {"summary": "Edit the text (and add difficulties) while not approved (409 once approved)", "parameters": report_id,
              "requestBody": body_ex(ref("WeeklyReportEdit"), {"highlights": "Đã hỗ trợ 120 lượt người dân trong tuần.",
                                                                 "good_practice": "Trực cuối tuần."}),
              "responses": {**ok(ref("WeeklyReport")), **errors(409)}}},
  "/api/v1/weekly-reports/{id}/approve": {"post": {"summary": "Approve; locks the commune's entries for that week (409 if already approved)",
      "parameters": report_id, "responses": {**ok(ref("WeeklyReport")), **errors(409)}}},
  "/api/v1/weekly-reports/{id}/reopen": {"post": {"summary": "Send a submitted or approved report back to its commune, with the reason it will read (409 if already sent back); the commune's next edit resubmits it", "parameters": report_id,
      "requestBody": {"required": False, "content": {"application/json": {"schema": inp({"reason": {**S, "maxLength": 500}}, []),
                                                                          "example": {"reason": "Thiếu số liệu ngày thứ Bảy."}}}},
      "responses": {**ok(ref("WeeklyReport")), **errors(409)}}},
  "/api/v1/guides": {"get": {"summary": "Every procedure guide (\"Thủ tục cần gì?\"), for clients that keep them offline; public: guides hold no personal data",
      "security": [], "responses": ok(arr(ref("Guide")))}},
  "/api/v1/help-requests": {"get": {"summary": "Open home-visit requests of the caller's communes (officers) or assigned to the caller's team (team leaders), oldest first. The phone and name are given to whoever handles the request; the address only to the assigned team's leader; observers are refused (403)",
      "responses": {**ok(arr(ref("HelpRequest"))), "403": err(403, desc="Không xử lý đề nghị hỗ trợ / not a handler of requests")}}},
  "/api/v1/difficulties": {"get": {"summary": "Difficulty queue (province: open and acknowledged; central: escalated)",
      "parameters": [q("queue", {"type": "string", "enum": ["province", "central"]}, "queue"), q("status", S, "status"), q("province", S, "province"),
                     q("campaign", S, "campaign code (422 if unknown): difficulties raised in that campaign's weekly reports")],
      "responses": ok(arr(ref("Difficulty")))}},
  "/api/v1/difficulties/{id}/transition": {"post": {"summary": "Acknowledge, escalate or resolve (409 for a move the workflow does not allow)",
      "parameters": [p("id", UUID, "difficulty id")],
      "requestBody": body_ex(inp({"to": {"type": "string", "enum": ["acknowledged", "escalated", "resolved"]},
                               "note": {"type": "string", "maxLength": 1000, "description": "what was done: required when resolving (422 without it), kept as the resolution note"}}, ["to"]),
                              {"to": "acknowledged"}),
      "responses": {**ok(ref("Difficulty")), **errors(409)}}},
})

correction = {k: v for k, v in schemas["SupportEntryInput"]["properties"].items() if k not in ("id", "campaign")}
correction["team_id"] = {**UUID, "nullable": True, "description": "must be the entry's team; default: the entry's team"}
correction.update({
    "correction_id": {**UUID, "description": "client-generated id of the new version; re-sending the same correction is a no-op"},
    "base_version": {"type": "integer", "minimum": 1,
                     "description": "the version the correction was prepared from (`version` in the history); 409 if it is no longer the current one"}})
paths.update({
  "/api/v1/support-entries/{id}/corrections": {"post": {"summary": "Correct an entry: a new version replaces it in every figure; history is kept. Refused once the week is approved",
      "parameters": [p("id", UUID, "the logical entry id (the first version's id)")],
      "requestBody": body_ex(inp({k: {kk: vv for kk, vv in v.items() if kk != "nullable"} for k, v in correction.items()},
                                 ["correction_id", "base_version", "commune_code", "date", "counts", "place"]),
                             {"correction_id": "0198a000-0000-7000-8000-0000000000c1", "base_version": 1, "commune_code": "00070",
                              "date": "2025-08-12", "counts": {"vneid": 4}, "place": "service_centre"}),
      "responses": {**ok(ref("EntryResult"), "201", "Created"), **ok(ref("EntryResult"), "200", "Duplicate of a correction already stored"),
                    "409": err(409, schema={"anyOf": [ref("Error"), ref("EntryResult")]},
                               desc="base_version is not the current version or the entry was just corrected by someone else (Error), "
                                    "or correction_id was already used for other content (EntryResult with status conflict). "
                                    "A week the province has approved is refused with 422 (field date)")}}},
  "/api/v1/support-entries/{id}/history": {"get": {"summary": "Every version of an entry", "parameters": [p("id", UUID, "logical entry id")],
      "responses": ok(arr(ref("SupportEntry")))}},
})

upload_result = obj({"rows": I, "stored": I, "duplicate": I, "stored_nothing": B,
    "errors": arr(obj({"line": I, "column": S, "message": S, "message_en": S}, ["line", "message", "message_en"]))},
    ["rows", "stored", "duplicate", "stored_nothing", "errors"])
schemas["UploadResult"] = upload_result
schemas["Guide"] = obj({"id": UUID, "title": S, "office": S, "documents": arr(S), "steps": arr(S), "fee": S, "duration": S, "legal_basis": S,
    "source_url": S, "checked_on": DATE, "province_code": S},
    ["id", "title", "documents", "steps", "source_url", "checked_on"])
schemas["HelpRequest"] = obj({"id": UUID, "reference": S, "commune_name": S, "needs": S, "window": S, "language": S, "for_relative": B,
    "status": {"type": "string", "enum": ["received", "assigned", "scheduled", "done", "could_not_help"]}, "status_name": S,
    "team_name": S, "visit": S, "call_name": S, "phone": S, "address": S, "details": S},
    ["id", "reference", "commune_name", "needs", "window", "language", "for_relative", "status", "status_name"])
schemas["CourseImportResult"] = obj({"rows": I, "stored": I, "updated": I, "unchanged": I, "stored_nothing": B, "newly_trained": I,
    "unmatched": arr(obj({"line": I, "phone": S}, ["line", "phone"])),
    "errors": arr(obj({"line": I, "column": S, "message": S, "message_en": S}, ["line", "message", "message_en"]))},
    ["rows", "stored", "updated", "unchanged", "stored_nothing", "newly_trained", "unmatched", "errors"])
schemas["VolunteerImportResult"] = obj({"rows": I, "stored": I, "existing": I, "stored_nothing": B,
    "errors": arr(obj({"line": I, "column": S, "message": S, "message_en": S}, ["line", "message", "message_en"]))},
    ["rows", "stored", "existing", "stored_nothing", "errors"])
paths.update({
  "/api/v1/support-entries/template.csv": {"get": {"summary": "A campaign's upload template (Vietnamese headers, UTF-8 with BOM; its categories as columns)", "security": [],
      "parameters": [q("campaign", S, "campaign code (default: the one running today; 422 if unknown)")], "responses": CSV}},
  "/api/v1/support-entries/template.xlsx": {"get": {"summary": "A campaign's upload template as XLSX", "security": [],
      "parameters": [q("campaign", S, "campaign code (default: the one running today; 422 if unknown)")], "responses": XLSX}},
  "/api/v1/support-entries/upload": {"post": {"summary": "Upload a week's entries (CSV: UTF-8 with or without BOM, comma or semicolon; or XLSX). Any bad row stores nothing unless store_valid=true; re-uploads are duplicates",
      "parameters": [q("store_valid", B, "store the valid rows of a file with bad ones"),
                     q("campaign", S, "the template's campaign (default: the one running today); a closed or draft campaign is refused (422)")],
      "requestBody": sheet_body("Mã đội hình,Ngày (dd/mm/yyyy),\"Cài đặt, kích hoạt VNeID\"\n00070-1,12/08/2025,5\n"),
      "responses": {**ok(ref("UploadResult")),
                    **sheet_errors("UploadResult", "Bad rows, nothing stored (UploadResult with every bad row), or a bad query value (Error)")}}},
  "/api/v1/sms/inbound": {"post": {"summary": "SMS gateway callback: `TNV <team code> <dd/mm> VNEID 12 HOSO 30 ... [CD <campaign code>]`; idempotent by message_id; the sender must be a current member of the team; without CD, the one campaign running in the team's province that day",
      "description": "A message that cannot be used (unreadable text, unknown team, a sender who is not a current member, a bad entry) "
                     "still answers 200, with status `rejected` and a Vietnamese reply for the gateway to send back. "
                     "Only a missing or over-long `message_id` is refused (422).",
      "requestBody": body_ex(inp({"message_id": {"type": "string", "minLength": 1, "maxLength": 100}, "from": S, "text": S}, ["message_id"]),
                             {"message_id": "gw-000001", "from": "0912000001", "text": "TNV 00070-1 12/08 VNEID 12 HOSO 30"}),
      "responses": ok(obj({"status": {"type": "string", "enum": ["created", "duplicate", "conflict", "rejected"]},
                           "reply": {**S, "description": "Vietnamese text to send back"}, "entry_id": S}, ["status", "reply"]))}},
})

schemas["Shortage"] = obj({"commune_code": S, "commune_name": S, "province_name": S, "score": I, "reasons": arr(S)},
    ["commune_code", "commune_name", "province_name", "score", "reasons"])
schemas["ReinforcementSummary"] = obj({"id": UUID, "commune_name": S, "people": I, "needs": S,
    "status": {"type": "string", "enum": ["open", "proposed", "filled", "cancelled"]}, "accepted": I, "approved": I, "proposed": I},
    ["id", "commune_name", "people", "needs", "status", "accepted", "approved", "proposed"])
schemas["Reinforcement"] = obj({"id": UUID, "commune_name": S, "team_name": S, "people": I, "needs": S,
    "status": {"type": "string", "enum": ["open", "proposed", "filled", "cancelled"]},
    "moves": arr(obj({"id": UUID, "volunteer_name": S, "kilometres": {"type": "number"}, "reasons": S,
                      "status": {"type": "string", "enum": ["proposed", "approved", "accepted", "declined", "rejected"]}},
                     ["id", "volunteer_name", "kilometres", "reasons", "status"]))},
    ["id", "commune_name", "team_name", "people", "needs", "status", "moves"])
schemas["Move"] = obj({"id": UUID, "volunteer_name": S, "commune_name": S, "team_name": S, "start": S, "until": S, "reasons": S},
    ["id", "volunteer_name", "commune_name", "team_name", "start", "reasons"])
reinforcement_id = [p("id", UUID, "reinforcement request id")]
paths.update({
  "/api/v1/shortages": {"get": {"summary": "Where help is short: communes of the caller's area ranked by need with the reasons (central and province admins; 403 for others)",
      "parameters": [q("tinh", S, "one province's communes (all of them, not only the first 100)")],
      "responses": ok(arr(ref("Shortage")))}},
  "/api/v1/reinforcements": {
    "get": {"summary": "Reinforcement requests of the caller's area, active ones first", "responses": ok(arr(ref("ReinforcementSummary")))},
    "post": {"summary": "Ask for more people in a commune: the team they join, how many, languages and skills (hard or preferred), motorbike, a competency level (hard), dates (not in the past); from a difficulty optionally",
      "requestBody": body_ex(inp({"commune_code": S, "team_id": UUID, "difficulty_id": or_empty(UUID),
                                  "people": {"type": "integer", "minimum": 1, "maximum": 200},
                                  "languages": arr({"type": "string", "enum": ["vi", "km", "tay", "thai", "muong", "hmong", "nung", "dao", "jrai", "ede", "bana", "cham"]}),
                                  "languages_required": B, "skills": arr({"type": "string", "enum": ["technology", "communication"]}),
                                  "skills_required": B, "motorbike_required": B, "from_date": DATE, "to_date": or_empty(DATE),
                                  "competency": {**or_empty(S), "description": "a competency code of the campaign's standard everyone sent must hold (422 if the standard has none such)"},
                                  "competency_level": {"type": "integer", "minimum": 0, "maximum": 5, "description": "the least level of `competency` (1 if omitted)"},
                                  "note": {**or_empty(S), "description": "no citizen's personal data (422)"}},
                                 ["commune_code", "team_id", "people", "from_date"]),
                             {"commune_code": "00070", "team_id": "0198a000-0000-7000-8000-000000000001", "people": 2,
                              "languages": ["hmong"], "languages_required": True, "motorbike_required": True, "from_date": "2025-08-18"}),
      "responses": ok(ref("Reinforcement"), "201", "Created")}},
  "/api/v1/reinforcements/{id}": {"get": {"summary": "One request with its proposed moves and why each volunteer was chosen",
      "parameters": reinforcement_id, "responses": ok(ref("Reinforcement"))}},
  "/api/v1/reinforcement-proposals": {"post": {"summary": "Propose volunteers for one request, a province's or all open requests of the caller's area: the exact optimum (least distance plus stated costs); undecided proposals are replaced",
      "requestBody": body_ex(inp({"request_id": or_empty(UUID), "province_code": or_empty(S)}, []), {"province_code": "01"}),
      "responses": {**ok(obj({"requests": I, "proposed": I, "unfilled": I}, ["requests", "proposed", "unfilled"])), **errors(404, 409)}}},
  "/api/v1/reinforcements/{id}/decision": {"post": {"summary": "Approve and/or turn down proposals of a request (409 if one was decided meanwhile: nothing changes)",
      "parameters": reinforcement_id,
      "requestBody": body_ex(inp({"approve": arr(UUID), "reject": arr(UUID)}, []), {"approve": ["0198a000-0000-7000-8000-0000000000a1"]}),
      "responses": {**ok(ref("Reinforcement")), **errors(409)}}},
  "/api/v1/practices": {"get": {"summary": "Good practices (read by every signed-in role), recommended first; q searches title, what was done, problem and tags without accents",
      "parameters": [q("q", S, "words, accents and case ignored"), q("nhan", S, "a tag code")],
      "responses": ok(arr(obj({"id": UUID, "title": S, "origin": S, "status": {"type": "string", "enum": ["proposed", "recognised", "recommended"]},
                               "tags": arr(S), "adoptions": I}, ["id", "title", "origin", "status", "tags", "adoptions"])))}},
  "/api/v1/moves": {"get": {"summary": "Approved moves awaiting the caller's answer: their own, their team's members', their communes'",
      "responses": ok(arr(ref("Move")))}},
  "/api/v1/moves/{id}/answer": {"post": {"summary": "Accept (memberships change on the start date, history kept) or decline (the next best candidate is proposed)",
      "parameters": [p("id", UUID, "move id")],
      "requestBody": body_ex(inp({"answer": {"type": "string", "enum": ["accept", "decline"]}}, ["answer"]), {"answer": "accept"}),
      "responses": {**ok(obj({"id": UUID, "status": {"type": "string", "enum": ["accepted", "declined"]},
                               "reproposed": {**I, "description": "after a decline: people proposed in that place (0: nobody else fits in the province)"}},
                              ["id", "status", "reproposed"])), **errors(409)}}},
})


def standard_errors(op):
    """The codes every operation of its kind can answer (see the module docstring)."""
    codes = {403}
    if op.get("security") != [] and op.get("security") != [{}, {"session": []}]:
        codes.add(401)
    if "requestBody" in op:
        codes |= {400, 413, 422}
    params = op.get("parameters", [])
    if any(x["in"] == "query" for x in params):
        codes |= {400, 422}
    for x in params:
        # An empty string query value (`?commune=`) means "not given", as a form with an empty field sends it.
        if x["in"] == "query" and x["schema"].get("type") == "string":
            x["allowEmptyValue"] = True
    if any(x["in"] == "path" for x in params):
        codes.add(404)
    return codes

for path, operations in paths.items():
    for method, op in operations.items():
        responses = copy.deepcopy(op["responses"])
        for code in sorted(standard_errors(op)):
            responses.setdefault(str(code), err(code))
        # Any operation: the database unreachable (restarting) or the request past its 60 s deadline; nothing stored.
        responses.setdefault("503", err(503, headers=RETRY_AFTER, desc="Cơ sở dữ liệu tạm thời không kết nối được / the database "
                                        "cannot be reached right now (code database_unavailable); nothing was stored, send again after Retry-After"))
        op["responses"] = dict(sorted(responses.items()))
        op.setdefault("operationId", f"{method}{path}".replace("/api/v1", "").replace("/", "_").replace("{", "").replace("}", "").replace(".", "_").replace("-", "_"))

doc = {"openapi": "3.0.3",
       "info": {"title": "Cầu Nối Số API", "version": "1.0.0",
                "description": "Điều hành đội hình thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp. "
                               "Every error is `{\"error\":{\"code\",\"message\",\"message_en\",\"fields\":[{\"field\",\"message\",\"message_en\"}]}}` "
                               "with a Vietnamese `message` and an English `message_en`."},
       "security": [{"bearer": []}, {"session": []}],
       "paths": paths, "components": {"schemas": schemas, "securitySchemes": {
           "bearer": {"type": "http", "scheme": "bearer", "description": "API token (cn_…) from POST /api/v1/tokens"},
           "session": {"type": "apiKey", "in": "cookie", "name": "caunoi_session",
                       "description": "__Host-caunoi over HTTPS; state-changing requests also need X-CSRF-Token"}}}}
out = pathlib.Path(__file__).resolve().parent.parent / "Sources/CauNoiApp/Resources/openapi.json"
out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {out} with {len(paths)} paths")
