using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <summary>
    /// Every write to what makes up a node's desired state (deployments, service routes, variables) notifies the
    /// channel <c>platform_desired_state</c>, so the API answers the nodes' long polls at once, whoever wrote it.
    /// </summary>
    public partial class DesiredStateNotifications : Migration
    {
        private static readonly string[] Tables = ["service_deployments", "services", "service_variables"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_desired_state() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('platform_desired_state', TG_TABLE_NAME);
                    RETURN NULL;
                END;
                $$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_notify_desired_state
                    AFTER INSERT OR UPDATE OR DELETE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_desired_state();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_notify_desired_state ON {table};");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS notify_desired_state();");
        }
    }
}
