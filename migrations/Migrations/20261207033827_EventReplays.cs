using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <summary>
    /// Replays and re-drives of a service's events. A change notifies the desired-state channel (as deployments do): nodes running
    /// the target version take part in a replay, and leave it when it ends, within a long poll.
    /// </summary>
    public partial class EventReplays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "event_replays",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    filter = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from_sequence = table.Column<long>(type: "bigint", nullable: true),
                    from_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    until_sequence = table.Column<long>(type: "bigint", nullable: false),
                    target_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_replays", x => x.id);
                    table.ForeignKey(
                        name: "fk_event_replays_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_event_replays_finished_at",
                table: "event_replays",
                column: "finished_at",
                filter: "finished_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_event_replays_service_id_requested_at",
                table: "event_replays",
                columns: new[] { "service_id", "requested_at" });

            migrationBuilder.Sql("""
                CREATE TRIGGER event_replays_notify_desired_state
                AFTER INSERT OR UPDATE OR DELETE ON event_replays
                FOR EACH STATEMENT EXECUTE FUNCTION notify_desired_state();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS event_replays_notify_desired_state ON event_replays;");
            migrationBuilder.DropTable(
                name: "event_replays");
        }
    }
}
