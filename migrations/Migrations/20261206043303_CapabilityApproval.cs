using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <summary>
    /// Capabilities are approved before anything is placed: a rollout's new capabilities become a structured diff
    /// (jsonb: outbound hosts, key-value stores, variables), a canary that was placed under the old rule without an
    /// approval is taken off the nodes and waits pending, and changes to platform settings (the outbound networks the
    /// nodes receive) wake the nodes' desired-state long polls.
    /// </summary>
    public partial class CapabilityApproval : Migration
    {
        private const string Unapproved = "phase = 'Progressing' AND approved_by IS NULL AND cardinality(new_capabilities) > 0";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                UPDATE service_deployments d SET canary_version_id = NULL, canary_weights = '{}', rings = '[]'
                FROM rollouts r WHERE r.service_id = d.service_id AND d.canary_version_id = r.target_version_id
                    AND r.phase = 'Progressing' AND r.approved_by IS NULL AND cardinality(r.new_capabilities) > 0;
                UPDATE rollouts SET phase = 'Pending', cursor = '{}',
                    message = 'Taken off the nodes: its new capabilities need a platform admin''s approval before it is placed.'
                WHERE {{Unapproved}};
                """);
            migrationBuilder.Sql("""
                ALTER TABLE rollouts ADD COLUMN new_capabilities_diff jsonb NOT NULL DEFAULT '{"outboundHosts":[],"keyValueStores":[],"variables":[]}';
                UPDATE rollouts SET new_capabilities_diff = jsonb_build_object(
                    'outboundHosts', COALESCE((SELECT jsonb_agg(substr(c, 15)) FROM unnest(new_capabilities) c WHERE c LIKE 'outbound host %'), '[]'::jsonb),
                    'keyValueStores', COALESCE((SELECT jsonb_agg(substr(c, 17)) FROM unnest(new_capabilities) c WHERE c LIKE 'key-value store %'), '[]'::jsonb),
                    'variables', COALESCE((SELECT jsonb_agg(substr(c, 10)) FROM unnest(new_capabilities) c WHERE c LIKE 'variable %'), '[]'::jsonb));
                ALTER TABLE rollouts DROP COLUMN new_capabilities;
                ALTER TABLE rollouts RENAME COLUMN new_capabilities_diff TO new_capabilities;
                ALTER TABLE rollouts ALTER COLUMN new_capabilities DROP DEFAULT;
                CREATE TRIGGER platform_settings_notify_desired_state
                AFTER INSERT OR UPDATE OR DELETE ON platform_settings
                FOR EACH STATEMENT EXECUTE FUNCTION notify_desired_state();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS platform_settings_notify_desired_state ON platform_settings;
                ALTER TABLE rollouts ADD COLUMN new_capabilities_list text[] NOT NULL DEFAULT '{}';
                UPDATE rollouts SET new_capabilities_list =
                    ARRAY(SELECT 'outbound host ' || h FROM jsonb_array_elements_text(new_capabilities->'outboundHosts') h)
                    || ARRAY(SELECT 'key-value store ' || s FROM jsonb_array_elements_text(new_capabilities->'keyValueStores') s)
                    || ARRAY(SELECT 'variable ' || v FROM jsonb_array_elements_text(new_capabilities->'variables') v);
                ALTER TABLE rollouts DROP COLUMN new_capabilities;
                ALTER TABLE rollouts RENAME COLUMN new_capabilities_list TO new_capabilities;
                """);
        }
    }
}
