import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: OpenAPIController())
    try app.register(collection: CampaignController())
    try app.register(collection: OrgUnitController())
    try app.register(collection: VolunteerController())
    try app.register(collection: TeamController())
    try app.register(collection: SupportEntryController())
    try app.register(collection: AuthController())
    try app.register(collection: SetupController())
    try app.register(collection: TokenController())
    try app.register(collection: UserController())
    try app.register(collection: AuditController())
    try app.register(collection: ExportController())
    try app.register(collection: ReportController())
    try app.register(collection: WeeklyReportController())
    try app.register(collection: AssetController())
    try app.register(collection: HomePageController())
    try app.register(collection: UnitPagesController())
    try app.register(collection: VolunteerPagesController())
    try app.register(collection: TeamPagesController())
}
