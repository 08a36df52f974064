using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <summary>
    /// A topic's new schema reaches the nodes whose components publish to it (their desired state lists each such topic's
    /// newest schema): adding or removing schema versions notifies the nodes as deployments do.
    /// </summary>
    public partial class TopicSchemaNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER topic_schema_versions_notify_desired_state
                AFTER INSERT OR UPDATE OR DELETE ON topic_schema_versions
                FOR EACH STATEMENT EXECUTE FUNCTION notify_desired_state();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS topic_schema_versions_notify_desired_state ON topic_schema_versions;");
        }
    }
}
