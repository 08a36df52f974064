namespace Platform.Application.Sources;

/// <summary>Where the platform keeps the services' git repositories and how it serves them.</summary>
public sealed class GitOptions
{
    public const string Section = "Git";

    /// <summary>Folder holding one bare repository per service (<c>{service}.git</c>); relative paths are below the content root.</summary>
    public string RepositoriesPath { get; set; } = "data/repositories";

    /// <summary>Base URL people clone from (e.g. https://platform.example.com); when empty, the request's own base URL.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The git executable.</summary>
    public string GitPath { get; set; } = "git";

    /// <summary>Longest a single git HTTP request (one CGI run of git http-backend) may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest push body accepted.</summary>
    public long MaxPushBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often every repository's main branch is compared with the recorded source revisions.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);
}
