using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.EdgeNode.Configuration;

namespace Platform.EdgeNode.Agent;

/// <summary>
/// Keeps the node's identity (id and node token) in its data folder, readable by its own user only, so a restarted
/// node proves to the control plane that it is the node enrolled under its name (an enrolled name does not enrol
/// again with the enrolment token alone). An identity saved under another name is ignored.
/// </summary>
public sealed class NodeIdentityStore(IOptions<NodeOptions> options, ILogger<NodeIdentityStore> logger)
{
    public const string FileName = "node-identity.json";

    public sealed record Identity(string Name, Guid NodeId, string Token);

    private string FilePath => Path.Combine(options.Value.DataDir, FileName);

    public Identity? Load()
    {
        try
        {
            if (!File.Exists(FilePath)) return null;
            var identity = JsonSerializer.Deserialize<Identity>(File.ReadAllText(FilePath), JsonSerializerOptions.Web);
            return identity is not null && identity.Name == options.Value.Name && identity.Token.Length > 0 ? identity : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            logger.LogWarning("Could not read the saved node identity {Path} ({Error}); enrolling without it", FilePath, ex.Message);
            return null;
        }
    }

    public void Save(Guid nodeId, string token)
    {
        Directory.CreateDirectory(options.Value.DataDir);
        var temporary = FilePath + ".tmp";
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, file))
        {
            JsonSerializer.Serialize(stream, new Identity(options.Value.Name, nodeId, token), JsonSerializerOptions.Web);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }
}
