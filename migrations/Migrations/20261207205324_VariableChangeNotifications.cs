using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <summary>
    /// Writes to service variables notify <c>platform_desired_state</c> with the ids of the services whose variables a
    /// statement changed (<c>service_variables:&lt;id&gt;,&lt;id&gt;…</c>; only the table's name when it changed more than 200
    /// services), as deployments and services do: the API keeps when each service's variables last changed in memory and
    /// reads again only those services.
    /// </summary>
    public partial class VariableChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS service_variables_notify_desired_state ON service_variables;");
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_service_variables_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changed text[];
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        SELECT array_agg(DISTINCT service_id::text) INTO changed FROM old_rows;
                    ELSE
                        SELECT array_agg(DISTINCT service_id::text) INTO changed FROM new_rows;
                    END IF;
                    IF changed IS NULL THEN
                        RETURN NULL;
                    ELSIF cardinality(changed) > 200 THEN
                        PERFORM pg_notify('platform_desired_state', TG_TABLE_NAME);
                    ELSE
                        PERFORM pg_notify('platform_desired_state', TG_TABLE_NAME || ':' || array_to_string(changed, ','));
                    END IF;
                    RETURN NULL;
                END;
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER service_variables_inserted_notify_desired_state AFTER INSERT ON service_variables
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_service_variables_changed();
                CREATE TRIGGER service_variables_updated_notify_desired_state AFTER UPDATE ON service_variables
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_service_variables_changed();
                CREATE TRIGGER service_variables_deleted_notify_desired_state AFTER DELETE ON service_variables
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_service_variables_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var operation in new[] { "inserted", "updated", "deleted" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS service_variables_{operation}_notify_desired_state ON service_variables;");
            }
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS notify_service_variables_changed();");
            migrationBuilder.Sql("""
                CREATE TRIGGER service_variables_notify_desired_state
                AFTER INSERT OR UPDATE OR DELETE ON service_variables
                FOR EACH STATEMENT EXECUTE FUNCTION notify_desired_state();
                """);
        }
    }
}
