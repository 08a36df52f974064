using Platform.Contracts.Builds;

namespace Platform.Contracts.Services;

public sealed record CreatedServiceDto(ServiceDto Service, BuildDto? Build);
