using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class VersionInstanceBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Versions published before the budget existed get the platform default (ServiceManifest.DefaultMaxInstances).
            migrationBuilder.AddColumn<int>(
                name: "max_instances",
                table: "component_versions",
                type: "integer",
                nullable: false,
                defaultValue: 32);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "max_instances",
                table: "component_versions");
        }
    }
}
