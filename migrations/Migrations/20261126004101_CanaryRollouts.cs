using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <inheritdoc />
    /// <summary>Progressive rollouts: strategy, status cursor and intent on rollouts, per-ring weights, platform settings. Earlier rollouts read as immediate.</summary>
    public partial class CanaryRollouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "canary_weight",
                table: "service_deployments");

            migrationBuilder.AddColumn<string>(
                name: "rollout_strategy",
                table: "services",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<List<int>>(
                name: "canary_weights",
                table: "service_deployments",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "rings",
                table: "service_deployments",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "abort_reason",
                table: "rollouts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approved_by",
                table: "rollouts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cursor",
                table: "rollouts",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "emergency_reason",
                table: "rollouts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "new_capabilities",
                table: "rollouts",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<bool>(
                name: "pause_requested",
                table: "rollouts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "promote_requested",
                table: "rollouts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "resume_generation",
                table: "rollouts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "strategy",
                table: "rollouts",
                type: "jsonb",
                nullable: false,
                defaultValue: "{\"steps\":[]}");

            migrationBuilder.AddColumn<string>(
                name: "strategy_source",
                table: "rollouts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "platform");

            migrationBuilder.CreateTable(
                name: "platform_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "jsonb", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_settings", x => x.key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_settings");

            migrationBuilder.DropColumn(
                name: "rollout_strategy",
                table: "services");

            migrationBuilder.DropColumn(
                name: "canary_weights",
                table: "service_deployments");

            migrationBuilder.DropColumn(
                name: "rings",
                table: "service_deployments");

            migrationBuilder.DropColumn(
                name: "abort_reason",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "approved_by",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "cursor",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "emergency_reason",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "new_capabilities",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "pause_requested",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "promote_requested",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "resume_generation",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "strategy",
                table: "rollouts");

            migrationBuilder.DropColumn(
                name: "strategy_source",
                table: "rollouts");

            migrationBuilder.AddColumn<int>(
                name: "canary_weight",
                table: "service_deployments",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}
