using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class GitRepositories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "commit_sha",
                table: "source_revisions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_revisions_service_id_commit_sha",
                table: "source_revisions",
                columns: new[] { "service_id", "commit_sha" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_source_revisions_service_id_commit_sha",
                table: "source_revisions");

            migrationBuilder.DropColumn(
                name: "commit_sha",
                table: "source_revisions");
        }
    }
}
