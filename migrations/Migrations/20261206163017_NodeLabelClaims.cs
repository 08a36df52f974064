using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <summary>
    /// A new node's own region and labels become a claim (claimed_region, claimed_labels) that selects nothing until a
    /// platform admin accepts it; region turns null for such a node. Nodes enrolled before keep the region and labels
    /// they have as accepted (turning them into claims would take every label-placed service off the fleet at once):
    /// admins review them on the nodes page.
    /// </summary>
    public partial class NodeLabelClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "region",
                table: "nodes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<string>(
                name: "claimed_labels",
                table: "nodes",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "claimed_region",
                table: "nodes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Before claims a node's region was never null. A node whose claim is still pending gets an empty region, not its
            // claim: rolling back the schema does not accept what no admin accepted.
            migrationBuilder.Sql("UPDATE nodes SET region = '' WHERE region IS NULL;");

            migrationBuilder.DropColumn(
                name: "claimed_labels",
                table: "nodes");

            migrationBuilder.DropColumn(
                name: "claimed_region",
                table: "nodes");

            migrationBuilder.AlterColumn<string>(
                name: "region",
                table: "nodes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);
        }
    }
}
