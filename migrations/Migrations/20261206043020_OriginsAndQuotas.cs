using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class OriginsAndQuotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "quotas",
                table: "services",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "service_domain",
                table: "nodes",
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "quotas",
                table: "services");

            migrationBuilder.DropColumn(
                name: "service_domain",
                table: "nodes");
        }
    }
}
