using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <summary>
    /// Which versions no node may be given (the targets of active rollouts whose new capabilities await an admin) is kept in
    /// the API's memory: a rollout created or deleted, or one whose phase, approval or new capabilities change, notifies
    /// <c>platform_desired_state</c> with the table's name, and the API reads the withheld versions again. Other writes to a
    /// rollout (its cursor, messages, verdicts: every pass) notify nothing.
    /// </summary>
    public partial class RolloutApprovalNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER rollouts_notify_desired_state
                AFTER INSERT OR DELETE ON rollouts
                FOR EACH STATEMENT EXECUTE FUNCTION notify_desired_state();
                CREATE TRIGGER rollouts_approval_notify_desired_state
                AFTER UPDATE OF phase, approved_by, new_capabilities ON rollouts
                FOR EACH ROW WHEN (OLD.phase IS DISTINCT FROM NEW.phase OR OLD.approved_by IS DISTINCT FROM NEW.approved_by
                    OR OLD.new_capabilities IS DISTINCT FROM NEW.new_capabilities)
                EXECUTE FUNCTION notify_desired_state();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS rollouts_approval_notify_desired_state ON rollouts;
                DROP TRIGGER IF EXISTS rollouts_notify_desired_state ON rollouts;
                """);
        }
    }
}
