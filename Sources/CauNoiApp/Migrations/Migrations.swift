import Fluent

/// Every migration, once, in the order it runs.
enum AppMigrations {
    static let all: [any Migration] = [
        CreateOrgUnit(),
        CreateCampaign(),
        CreateVolunteer(),
        CreateCourseCompletion(),
        CreateTeam(),
        CreateTeamMembership(),
        CreateTeamCoverage(),
        CreateSupportEntry(),
        CreateSupportEntryDetails(),
        CreateUser(),
        CreateRoleAssignment(),
        CreateSession(),
        CreateAPIToken(),
        CreateLoginAttempt(),
        CreateSetupToken(),
        CreateAuditEntry(),
        CreateWeeklyReport(),
        CreateDifficulty(),
        CreateRollupDailySum(),
        CreateRollupPresence(),
        CreateRollupWeeklyCount(),
        CreateRollupGeneration(),
        BackfillRollupLedger(),
        UpdateSupportEntryAddScopedIndexes(),
        UpdateAPITokenAddParent(),
        UpdateCampaignAddSchedule(),
        UpdateRollupPresenceAddDays(),
        UpdateRollupPresenceAddDayMask(),
        UpdateWeeklyReportAddReopenReason(),
        UpdateTeamAddDutySchedule(),
        CreateHelpRequest(),
        CreateProcedureGuide(),
    ]
}
