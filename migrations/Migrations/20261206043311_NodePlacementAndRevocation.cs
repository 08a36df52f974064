using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class NodePlacementAndRevocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "placement",
                table: "services",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "revoked_at",
                table: "nodes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "revoked_by",
                table: "nodes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // An enrolled name now enrols again only with its node token, which nodes keep in their data folder
            // from this version on. Nodes enrolled before hold no saved token: forget them (a node row holds
            // nothing but reports), so they enrol afresh at their next request (a 401 makes a node enrol again).
            migrationBuilder.Sql("DELETE FROM nodes;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "placement",
                table: "services");

            migrationBuilder.DropColumn(
                name: "revoked_at",
                table: "nodes");

            migrationBuilder.DropColumn(
                name: "revoked_by",
                table: "nodes");
        }
    }
}
