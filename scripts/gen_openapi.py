#!/usr/bin/env python3
"""Writes Sources/CauNoiApp/Resources/openapi.json. The document is checked against the
registered routes by OpenAPITests, so an undocumented or stale route fails the suite."""
import json, pathlib

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def arr(item): return {"type": "array", "items": item}
S = {"type": "string"}; I = {"type": "integer"}; B = {"type": "boolean"}
UUID = {"type": "string", "format": "uuid"}; DATE = {"type": "string", "format": "date"}
def nullable(s): return {**s, "nullable": True}
def q(name, schema, desc): return {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}
def p(name, schema, desc): return {"name": name, "in": "path", "required": True, "schema": schema, "description": desc}
def ok(schema, code="200", desc="OK"): return {code: {"description": desc, "content": {"application/json": {"schema": schema}}}}
ERR = {"description": "Lỗi có mô tả trường sai / error with field details", "content": {"application/json": {"schema": ref("Error")}}}
def errors(*codes): return {str(c): ERR for c in codes}
def body(schema): return {"required": True, "content": {"application/json": {"schema": schema}}}
PAGE = lambda item: {"type": "object", "required": ["items", "page", "per", "total"],
                     "properties": {"items": arr(item), "page": I, "per": I, "total": I}}
page_params = [q("page", I, "1-based page"), q("per", I, "page size")]

schemas = {
  "FieldError": {"type": "object", "required": ["field", "message", "message_en"],
                 "properties": {"field": S, "message": S, "message_en": S}},
  "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
            "required": ["code", "message", "message_en", "fields"],
            "properties": {"code": S, "message": S, "message_en": S, "fields": arr(ref("FieldError"))}}}},
  "Health": {"type": "object", "properties": {"status": S, "database": {"type": "string", "enum": ["sqlite", "postgres"]},
             "provinces": I, "communes": I}},
  "Campaign": {"type": "object", "properties": {"code": S, "name": S, "start_date": DATE, "end_date": DATE, "is_default": B,
               "categories": arr({"type": "object", "properties": {"code": S, "name": S}}),
               "required_courses": arr({"type": "object", "properties": {"code": S, "name": S}})}},
  "OrgUnitAttributes": {"type": "object", "properties": {"is_border": B, "is_island": B, "is_remote": B, "is_ethnic_area": B,
               "languages": arr(S), "service_centre_address": nullable(S), "hotline": nullable(S)}},
  "OrgUnit": {"type": "object", "properties": {"code": S, "name": S, "level": {"type": "string", "enum": ["national", "province", "commune"]},
              "type": S, "type_name": S, "parent_code": nullable(S), "province_code": nullable(S), "attributes": ref("OrgUnitAttributes")}},
  "OrgUnitList": {"type": "object", "properties": {"items": arr(ref("OrgUnit")), "count": I}},
  "VolunteerInput": {"type": "object", "required": ["full_name", "phone", "gender", "home_commune_code", "force_type", "consent_date"],
      "properties": {"full_name": S, "phone": S, "birth_year": I, "gender": {"type": "string", "enum": ["male", "female", "other"]},
                     "union_member": B, "affiliation": S, "home_commune_code": S,
                     "force_type": {"type": "string", "enum": ["local", "reinforcement", "student"]},
                     "tech_skill": {"type": "string", "enum": ["basic", "intermediate", "advanced"]},
                     "communication_skill": {"type": "string", "enum": ["basic", "intermediate", "advanced"]},
                     "languages": arr(S), "has_motorbike": B, "consent_date": DATE,
                     "status": {"type": "string", "enum": ["active", "paused", "left"]}}},
  "CourseCompletion": {"type": "object", "required": ["course_code", "completed_on"],
      "properties": {"course_code": S, "completed_on": DATE, "certificate_no": nullable(S), "source": nullable(S)}},
  "Volunteer": {"allOf": [ref("VolunteerInput"), {"type": "object", "properties": {"id": UUID, "province_code": S,
                "courses": arr(ref("CourseCompletion"))}}]},
  "VolunteerSummary": {"type": "object", "properties": {"id": UUID, "full_name": S, "phone_masked": S, "home_commune_code": S,
                       "force_type": S, "status": S, "languages": arr(S)}},
  "TeamInput": {"type": "object", "required": ["name", "home_commune_code", "kind", "active_from"],
      "properties": {"name": S, "code": S, "home_commune_code": S,
                     "kind": {"type": "string", "enum": ["service_centre", "mobile", "community_digital", "home_support"]},
                     "leader_id": UUID, "hotline": S, "active_from": DATE, "active_to": DATE, "covered_communes": arr(S),
                     "members": arr({"type": "object", "properties": {"volunteer_id": UUID, "from": DATE, "to": DATE}})}},
  "TeamMember": {"type": "object", "properties": {"volunteer_id": UUID, "full_name": S, "from": DATE, "to": nullable(DATE)}},
  "Team": {"type": "object", "properties": {"id": UUID, "code": S, "name": S, "home_commune_code": S, "province_code": S, "kind": S,
           "kind_name": S, "leader_id": nullable(UUID), "hotline": nullable(S), "active_from": DATE, "active_to": nullable(DATE),
           "covered_communes": arr(S), "members": arr(ref("TeamMember"))}},
  "SupportEntryInput": {"type": "object", "required": ["id", "team_id", "commune_code", "date", "counts", "place"],
      "properties": {"id": {**UUID, "description": "client-generated; re-sending the same entry is a no-op"},
                     "team_id": UUID, "commune_code": S, "date": DATE, "volunteer_ids": arr(UUID),
                     "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 2000}},
                     "beneficiaries": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
                     "place": {"type": "string", "enum": ["service_centre", "home", "village", "mobile_point"]},
                     "languages": arr(S), "note": {"type": "string", "maxLength": 280,
                     "description": "no citizen personal data: notes with an ID-card or phone number are rejected"}}},
  "SupportEntry": {"type": "object", "properties": {"id": UUID, "campaign": S, "team_id": UUID, "commune_code": S, "province_code": S,
                   "date": DATE, "volunteer_ids": arr(UUID), "counts": {"type": "object", "additionalProperties": I},
                   "beneficiaries": {"type": "object", "additionalProperties": I}, "total": I, "place": S,
                   "languages": arr(S), "note": nullable(S)}},
  "EntryResult": {"type": "object", "required": ["status"], "properties": {"id": nullable(S),
                  "status": {"type": "string", "enum": ["created", "duplicate", "conflict", "rejected"]},
                  "error": nullable({"type": "object", "properties": {"message": S, "message_en": S, "fields": arr(ref("FieldError"))}})}},
  "BatchResult": {"type": "object", "properties": {"results": arr(ref("EntryResult")),
                  "summary": {"type": "object", "properties": {"created": I, "duplicate": I, "conflict": I, "rejected": I}}}},
}

paths = {
  "/healthz": {"get": {"summary": "Liveness and database check", "responses": ok(ref("Health"))}},
  "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3 document"}}}},
  "/api/v1/campaigns": {"get": {"summary": "Campaigns with their categories and required courses", "responses": ok(arr(ref("Campaign")))}},
  "/api/v1/org-units": {"get": {"summary": "List or search org units (search folds diacritics, case and NFC/NFD)",
      "parameters": [q("level", {"type": "string", "enum": ["national", "province", "commune"]}, "level"),
                     q("parent", S, "parent code"), q("q", S, "search text"), q("limit", I, "1–500, default 50")],
      "responses": {**ok(ref("OrgUnitList")), **errors(404, 422)}}},
  "/api/v1/org-units/{code}": {
      "get": {"summary": "One org unit", "parameters": [p("code", S, "VN, 2-digit province or 5-digit commune code")],
              "responses": {**ok(ref("OrgUnit")), **errors(404)}},
      "patch": {"summary": "Set an org unit's attributes", "parameters": [p("code", S, "unit code")],
                "requestBody": body(ref("OrgUnitAttributes")), "responses": {**ok(ref("OrgUnit")), **errors(404, 422)}}},
  "/api/v1/volunteers": {
      "get": {"summary": "List volunteers (phones masked)", "parameters": [q("commune", S, "commune code"), q("province", S, "province code"),
              q("q", S, "name search"), q("status", S, "status")] + page_params,
              "responses": {**ok(PAGE(ref("VolunteerSummary"))), **errors(422)}},
      "post": {"summary": "Register a volunteer", "requestBody": body(ref("VolunteerInput")),
               "responses": {**ok(ref("Volunteer"), "201", "Created"), **errors(409, 422)}}},
  "/api/v1/volunteers/{id}": {
      "get": {"summary": "One volunteer", "parameters": [p("id", UUID, "volunteer id")], "responses": {**ok(ref("Volunteer")), **errors(404)}},
      "put": {"summary": "Replace a volunteer's details", "parameters": [p("id", UUID, "volunteer id")],
              "requestBody": body(ref("VolunteerInput")), "responses": {**ok(ref("Volunteer")), **errors(404, 409, 422)}}},
  "/api/v1/volunteers/{id}/courses": {"post": {"summary": "Record a course completion (replaces an earlier one for the same course)",
      "parameters": [p("id", UUID, "volunteer id")], "requestBody": body(ref("CourseCompletion")),
      "responses": {**ok(ref("CourseCompletion"), "201", "Created"), **errors(404, 422)}}},
  "/api/v1/teams": {
      "get": {"summary": "List teams", "parameters": [q("commune", S, "home or covered commune"), q("province", S, "province code"),
              q("kind", S, "team kind"), q("q", S, "name search")] + page_params, "responses": {**ok(PAGE(ref("Team"))), **errors(422)}},
      "post": {"summary": "Create a team with its first members", "requestBody": body(ref("TeamInput")),
               "responses": {**ok(ref("Team"), "201", "Created"), **errors(422)}}},
  "/api/v1/teams/{id}": {
      "get": {"summary": "One team with current and past members", "parameters": [p("id", UUID, "team id")],
              "responses": {**ok(ref("Team")), **errors(404)}},
      "put": {"summary": "Update a team's details and coverage (members change through /members)", "parameters": [p("id", UUID, "team id")],
              "requestBody": body(ref("TeamInput")), "responses": {**ok(ref("Team")), **errors(404, 422)}}},
  "/api/v1/teams/{id}/members": {"post": {"summary": "Add a member from a date", "parameters": [p("id", UUID, "team id")],
      "requestBody": body({"type": "object", "required": ["volunteer_id", "from"], "properties": {"volunteer_id": UUID, "from": DATE, "to": DATE}}),
      "responses": {**ok(ref("Team"), "201", "Created"), **errors(404, 409, 422)}}},
  "/api/v1/teams/{id}/members/{volunteerID}/end": {"post": {"summary": "End a membership (history is kept)",
      "parameters": [p("id", UUID, "team id"), p("volunteerID", UUID, "volunteer id")],
      "requestBody": body({"type": "object", "required": ["to"], "properties": {"to": DATE}}),
      "responses": {**ok(ref("Team")), **errors(404, 422)}}},
  "/api/v1/support-entries": {"get": {"summary": "List support entries",
      "parameters": [q("campaign", S, "campaign code"), q("team", UUID, "team id"), q("commune", S, "commune code"),
                     q("province", S, "province code"), q("from", DATE, "first date"), q("to", DATE, "last date")] + page_params,
      "responses": {**ok(PAGE(ref("SupportEntry"))), **errors(422)}}},
  "/api/v1/support-entries/batch": {"post": {"summary": "Store up to 5,000 entries; idempotent by client id; one result per entry",
      "requestBody": body({"type": "object", "required": ["entries"], "properties": {"campaign": S,
                           "entries": {**arr(ref("SupportEntryInput")), "maxItems": 5000}}}),
      "responses": {**ok(ref("BatchResult")), **errors(400, 413, 422)}}},
}

schemas.update({
  "Assignment": {"type": "object", "required": ["role"], "properties": {
      "role": {"type": "string", "enum": ["central_admin", "province_admin", "commune_admin", "team_leader", "volunteer", "observer"]},
      "unit_code": S, "team_id": UUID, "volunteer_id": UUID}},
  "Me": {"type": "object", "properties": {"id": UUID, "username": S, "display_name": S, "assignments": arr(ref("Assignment")),
         "csrf_token": nullable(S)}},
  "Token": {"type": "object", "properties": {"id": UUID, "name": S, "role": S, "unit_code": nullable(S), "team_id": nullable(UUID),
            "expires_at": {"type": "string", "format": "date-time"}, "revoked": B,
            "token": {**nullable(S), "description": "only in the response that creates it"}}},
  "User": {"type": "object", "properties": {"id": UUID, "username": S, "display_name": S, "is_active": B,
           "assignments": arr(ref("Assignment")), "setup_link": {**nullable(S), "description": "one-time link to set a password; only on creation"}}},
  "AuditEntry": {"type": "object", "properties": {"id": UUID, "at": {"type": "string", "format": "date-time"}, "user_id": nullable(UUID),
                 "username": nullable(S), "role": nullable(S), "unit_code": nullable(S), "province_code": nullable(S), "action": S,
                 "object_type": nullable(S), "object_id": nullable(S), "outcome": {"type": "string", "enum": ["ok", "denied", "failed"]},
                 "request_id": nullable(S), "client_ip": nullable(S), "detail": nullable(S)}},
})
creds = {"type": "object", "required": ["username", "password"], "properties": {"username": S, "password": S}}
paths.update({
  "/api/v1/auth/login": {"post": {"summary": "Sign in with a password; sets the session cookie and returns the CSRF token", "security": [],
      "requestBody": body(creds), "responses": {**ok(ref("Me")), **errors(401, 429)}}},
  "/api/v1/auth/logout": {"post": {"summary": "End this session on the server (needs X-CSRF-Token)", "responses": {"204": {"description": "Signed out"}}}},
  "/api/v1/auth/me": {"get": {"summary": "Who is signed in", "responses": {**ok(ref("Me")), **errors(401)}}},
  "/api/v1/tokens": {
      "get": {"summary": "My API tokens (secrets are never shown again)", "responses": {**ok(arr(ref("Token"))), **errors(401)}},
      "post": {"summary": "Create an API token with my scope or a narrower one", "requestBody": body({"type": "object", "required": ["name"],
               "properties": {"name": S, "role": S, "unit_code": S, "team_id": UUID, "volunteer_id": UUID, "days": {"type": "integer", "minimum": 1, "maximum": 365}}}),
               "responses": {**ok(ref("Token"), "201", "Created"), **errors(401, 403, 422)}}},
  "/api/v1/tokens/{id}/revoke": {"post": {"summary": "Revoke a token", "parameters": [p("id", UUID, "token id")],
      "responses": {**ok(ref("Token")), **errors(401, 404)}}},
  "/api/v1/users": {"post": {"summary": "Create a user with roles inside my scope; returns a one-time set-up link",
      "requestBody": body({"type": "object", "required": ["username", "display_name", "assignments"],
                           "properties": {"username": S, "display_name": S, "assignments": arr(ref("Assignment"))}}),
      "responses": {**ok(ref("User"), "201", "Created"), **errors(401, 403, 409, 422)}}},
  "/api/v1/users/{id}": {"get": {"summary": "A user I manage", "parameters": [p("id", UUID, "user id")],
      "responses": {**ok(ref("User")), **errors(401, 404)}}},
  "/api/v1/users/{id}/disable": {"post": {"summary": "Disable a user and end all their sessions", "parameters": [p("id", UUID, "user id")],
      "responses": {**ok(ref("User")), **errors(401, 404)}}},
  "/api/v1/users/{id}/end-sessions": {"post": {"summary": "End all of a user's sessions", "parameters": [p("id", UUID, "user id")],
      "responses": {**ok({"type": "object", "properties": {"ended": I}}), **errors(401, 404)}}},
  "/api/v1/audit": {"get": {"summary": "Audit trail within my scope (central: all; province: my province)",
      "parameters": [q("action", S, "action"), q("username", S, "user"), q("from", DATE, "first local day"), q("to", DATE, "last local day")] + page_params,
      "responses": {**ok(PAGE(ref("AuditEntry"))), **errors(401, 403, 422)}}},
  "/api/v1/exports/volunteers.csv": {"get": {"summary": "Volunteers as CSV (UTF-8 with BOM; formula cells neutralised); audited",
      "parameters": [q("commune", S, "commune code"), q("province", S, "province code")],
      "responses": {"200": {"description": "CSV", "content": {"text/csv": {"schema": S}}}, **errors(401, 403)}}},
})
period_params = [q("campaign", S, "campaign code (default: the default campaign)"),
                 q("unit", S, "VN, a 2-digit province, a 5-digit commune or a team id"),
                 q("week", S, "ISO week, e.g. 2025-W32"), q("from", DATE, "first day (with to)"), q("to", DATE, "last day")]
schemas["RollupFigures"] = {"type": "object", "properties": {
    "teams_maintained": I, "volunteers_active": I, "supports": I,
    "supports_by_category": {"type": "object", "additionalProperties": I}, "supports_by_group": {"type": "object", "additionalProperties": I},
    "supports_by_place": {"type": "object", "additionalProperties": I}, "communes_covered": I, "communes_in_scope": I,
    "border_island_covered": I, "border_island_in_scope": I, "trained_active": I,
    "training_compliance": nullable({"type": "number"}), "coverage": nullable({"type": "number"}), "border_island_coverage": nullable({"type": "number"})}}
unit_ref = {"type": "object", "properties": {"code": S, "name": S, "level": S}}
schemas["Rollup"] = {"type": "object", "properties": {"campaign": S, "unit": unit_ref, "from": DATE, "to": DATE, "week": nullable(S),
    "current": ref("RollupFigures"), "previous": ref("RollupFigures"), "change": {"type": "object"}, "cumulative": ref("RollupFigures"),
    "children": arr({"type": "object", "properties": {"unit": unit_ref, "current": ref("RollupFigures")}}), "summary": S}}
paths.update({
  "/api/v1/reports/rollup": {"get": {"summary": "Live rollup for a unit and period, with the previous period, the campaign so far and each child unit",
      "parameters": period_params, "responses": {**ok(ref("Rollup")), **errors(401, 403, 404, 422)}}},
  "/api/v1/reports/rollup.xlsx": {"get": {"summary": "The rollup's child table as XLSX", "parameters": period_params,
      "responses": {"200": {"description": "XLSX", "content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}}, **errors(401, 403, 404, 422)}}},
  "/api/v1/reports/rollup.csv": {"get": {"summary": "The rollup's child table as CSV (UTF-8 with BOM)", "parameters": period_params,
      "responses": {"200": {"description": "CSV", "content": {"text/csv": {"schema": S}}}, **errors(401, 403, 404, 422)}}},
})

difficulty_input = {"type": "object", "required": ["category", "description"], "properties": {
    "category": {"type": "string", "enum": ["equipment", "network", "staff_shortage", "procedure", "platform_fault", "other"]},
    "severity": {"type": "string", "enum": ["low", "medium", "high"]}, "description": S, "reinforcement_requested": B,
    "reinforcement_note": S}}
schemas["Difficulty"] = {"type": "object", "properties": {"id": UUID, "report_id": UUID, "commune_code": S, "province_code": S,
    "week": S, "category": S, "category_name": S, "severity": S, "description": S, "reinforcement_requested": B,
    "reinforcement_note": nullable(S), "status": {"type": "string", "enum": ["open", "acknowledged", "escalated", "resolved"]},
    "status_name": S, "owner_name": nullable(S), "resolution_note": nullable(S), "age_days": I,
    "created_at": {"type": "string", "format": "date-time"}}}
schemas["WeeklyReportInput"] = {"type": "object", "required": ["commune_code", "week", "highlights"], "properties": {
    "campaign": S, "commune_code": S, "week": S, "highlights": S, "proposals": S, "good_practice": S,
    "difficulties": arr(difficulty_input)}}
schemas["WeeklyReport"] = {"type": "object", "properties": {"id": UUID, "commune_code": S, "province_code": S, "week": S,
    "highlights": S, "proposals": nullable(S), "good_practice": nullable(S),
    "status": {"type": "string", "enum": ["submitted", "approved", "reopened"]}, "submitted_at": {"type": "string", "format": "date-time"},
    "on_time": B, "approved_at": nullable({"type": "string", "format": "date-time"}), "difficulties": arr(ref("Difficulty"))}}
row = {"type": "object", "properties": {"code": S, "name": S, "expected": I, "submitted": I, "on_time": I, "late": I, "missing": I,
       "missing_communes": arr(unit_ref)}}
report_id = [p("id", UUID, "report id")]
paths.update({
  "/api/v1/reports/completeness": {"get": {"summary": "Reports expected, submitted, on time, late and missing for a week",
      "parameters": [q("campaign", S, "campaign code"), q("week", S, "ISO week"), q("unit", S, "VN or a province code")],
      "responses": {**ok({"type": "object", "properties": {"week": S, "unit": unit_ref, "total": row, "rows": arr(row)}}), **errors(401, 403, 422)}}},
  "/api/v1/weekly-reports": {
      "get": {"summary": "Weekly reports in my scope", "parameters": [q("campaign", S, "campaign"), q("week", S, "ISO week"),
              q("province", S, "province"), q("status", S, "submitted, approved or reopened")], "responses": {**ok(arr(ref("WeeklyReport"))), **errors(401, 403)}},
      "post": {"summary": "Submit a commune's weekly report (one per commune and week)", "requestBody": body(ref("WeeklyReportInput")),
               "responses": {**ok(ref("WeeklyReport"), "201", "Created"), **errors(401, 403, 409, 422)}}},
  "/api/v1/weekly-reports/{id}": {
      "get": {"summary": "One weekly report", "parameters": report_id, "responses": {**ok(ref("WeeklyReport")), **errors(401, 404)}},
      "put": {"summary": "Edit the text (and add difficulties) while not approved", "parameters": report_id,
              "requestBody": body(ref("WeeklyReportInput")), "responses": {**ok(ref("WeeklyReport")), **errors(401, 403, 404, 409, 422)}}},
  "/api/v1/weekly-reports/{id}/approve": {"post": {"summary": "Approve; locks the commune's entries for that week",
      "parameters": report_id, "responses": {**ok(ref("WeeklyReport")), **errors(401, 403, 404, 409)}}},
  "/api/v1/weekly-reports/{id}/reopen": {"post": {"summary": "Reopen an approved week", "parameters": report_id,
      "responses": {**ok(ref("WeeklyReport")), **errors(401, 403, 404, 409)}}},
  "/api/v1/difficulties": {"get": {"summary": "Difficulty queue (province: open and acknowledged; central: escalated)",
      "parameters": [q("queue", {"type": "string", "enum": ["province", "central"]}, "queue"), q("status", S, "status"), q("province", S, "province")],
      "responses": {**ok(arr(ref("Difficulty"))), **errors(401, 403, 422)}}},
  "/api/v1/difficulties/{id}/transition": {"post": {"summary": "Acknowledge, escalate or resolve", "parameters": [p("id", UUID, "difficulty id")],
      "requestBody": body({"type": "object", "required": ["to"], "properties": {"to": {"type": "string", "enum": ["acknowledged", "escalated", "resolved"]}, "note": S}}),
      "responses": {**ok(ref("Difficulty")), **errors(401, 403, 404, 409, 422)}}},
})

paths.update({
  "/api/v1/support-entries/{id}/corrections": {"post": {"summary": "Correct an entry: a new version replaces it in every figure; history is kept. Refused once the week is approved",
      "parameters": [p("id", UUID, "the logical entry id (the first version's id)")],
      "requestBody": body({"allOf": [ref("SupportEntryInput"), {"type": "object", "required": ["correction_id"],
                           "properties": {"correction_id": {**UUID, "description": "client-generated; re-sending is a no-op"}}}]}),
      "responses": {**ok(ref("EntryResult"), "201", "Created"), **ok(ref("EntryResult"), "200", "Duplicate"), **errors(403, 404, 409, 422)}}},
  "/api/v1/support-entries/{id}/history": {"get": {"summary": "Every version of an entry", "parameters": [p("id", UUID, "logical entry id")],
      "responses": {**ok(arr(ref("SupportEntry"))), **errors(401, 404)}}},
})
schemas["SupportEntry"]["properties"].update({"entry_id": UUID, "version": I, "is_current": B})

upload_result = {"type": "object", "properties": {"rows": I, "stored": I, "duplicate": I, "stored_nothing": B,
    "errors": arr({"type": "object", "properties": {"line": I, "column": nullable(S), "message": S, "message_en": S}})}}
xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
paths.update({
  "/api/v1/support-entries/template.csv": {"get": {"summary": "The upload template (Vietnamese headers, UTF-8 with BOM)",
      "responses": {"200": {"description": "CSV", "content": {"text/csv": {"schema": S}}}}}},
  "/api/v1/support-entries/template.xlsx": {"get": {"summary": "The upload template as XLSX",
      "responses": {"200": {"description": "XLSX", "content": {xlsx_type: {"schema": {"type": "string", "format": "binary"}}}}}}},
  "/api/v1/support-entries/upload": {"post": {"summary": "Upload a week's entries (CSV: UTF-8 with or without BOM, comma or semicolon; or XLSX). Any bad row stores nothing unless store_valid=true; re-uploads are duplicates",
      "parameters": [q("store_valid", B, "store the valid rows of a file with bad ones")],
      "requestBody": {"required": True, "content": {"text/csv": {"schema": S}, xlsx_type: {"schema": {"type": "string", "format": "binary"}}}},
      "responses": {**ok(upload_result), **ok(upload_result, "422", "Bad rows, nothing stored"), **errors(400, 401)}}},
  "/api/v1/sms/inbound": {"post": {"summary": "SMS gateway callback: `TNV <team code> <dd/mm> VNEID 12 HOSO 30 ...`; idempotent by message_id; the sender must be a current member of the team",
      "requestBody": body({"type": "object", "required": ["message_id", "from", "text"], "properties": {"message_id": S, "from": S, "text": S}}),
      "responses": {**ok({"type": "object", "properties": {"status": {"type": "string", "enum": ["created", "duplicate", "conflict", "rejected"]},
                         "reply": {**S, "description": "Vietnamese text to send back"}, "entry_id": nullable(S)}}), **errors(401, 403, 422)}}},
})

for path in ["/healthz", "/openapi.json", "/api/v1/campaigns", "/api/v1/org-units", "/api/v1/org-units/{code}"]:
    if "get" in paths[path]: paths[path]["get"]["security"] = []

doc = {"openapi": "3.0.3",
       "info": {"title": "Cầu Nối Số API", "version": "1.0.0",
                "description": "Điều hành đội hình thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp. Errors carry a Vietnamese `message` and an English `message_en`."},
       "security": [{"bearer": []}, {"session": []}],
       "paths": paths, "components": {"schemas": schemas, "securitySchemes": {
           "bearer": {"type": "http", "scheme": "bearer", "description": "API token (cn_…) from POST /api/v1/tokens"},
           "session": {"type": "apiKey", "in": "cookie", "name": "caunoi_session",
                       "description": "__Host-caunoi over HTTPS; state-changing requests also need X-CSRF-Token"}}}}
out = pathlib.Path(__file__).resolve().parent.parent / "Sources/CauNoiApp/Resources/openapi.json"
out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {out} with {len(paths)} paths")
