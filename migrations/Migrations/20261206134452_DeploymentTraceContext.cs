using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DeploymentTraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "service_deployments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_state",
                table: "service_deployments",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "service_deployments");

            migrationBuilder.DropColumn(
                name: "trace_state",
                table: "service_deployments");
        }
    }
}
