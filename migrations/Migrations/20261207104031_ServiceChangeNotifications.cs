using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Migrations.Migrations
{
    /// <summary>
    /// Writes to deployments and services notify <c>platform_desired_state</c> with the ids of the services they changed
    /// (<c>service_deployments:&lt;id&gt;,&lt;id&gt;…</c>, <c>services:&lt;id&gt;…</c>; only the table's name when a statement
    /// changed more than 200), so the API reads again only those services. The other tables keep notifying their name.
    /// </summary>
    public partial class ServiceChangeNotifications : Migration
    {
        private static readonly (string Table, string Column)[] Tables = [("service_deployments", "service_id"), ("services", "id")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_notify_desired_state ON {table};");
                migrationBuilder.Sql($"""
                    CREATE FUNCTION notify_{table}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                    DECLARE
                        changed text[];
                    BEGIN
                        IF TG_OP = 'DELETE' THEN
                            SELECT array_agg(DISTINCT {column}::text) INTO changed FROM old_rows;
                        ELSE
                            SELECT array_agg(DISTINCT {column}::text) INTO changed FROM new_rows;
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
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_inserted_notify_desired_state AFTER INSERT ON {table}
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_{table}_changed();
                    CREATE TRIGGER {table}_updated_notify_desired_state AFTER UPDATE ON {table}
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_{table}_changed();
                    CREATE TRIGGER {table}_deleted_notify_desired_state AFTER DELETE ON {table}
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_{table}_changed();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Tables)
            {
                foreach (var operation in new[] { "inserted", "updated", "deleted" })
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_{operation}_notify_desired_state ON {table};");
                }
                migrationBuilder.Sql($"DROP FUNCTION IF EXISTS notify_{table}_changed();");
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_notify_desired_state
                    AFTER INSERT OR UPDATE OR DELETE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_desired_state();
                    """);
            }
        }
    }
}
