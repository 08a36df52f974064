namespace Platform.Contracts.Builds;

/// <summary>Log text from <paramref name="Offset"/>; poll again with <paramref name="NextOffset"/> until <paramref name="Complete"/>.</summary>
public sealed record BuildLogDto(Guid BuildId, string Status, int Offset, int NextOffset, string Text, bool Complete);
