# One build, one image per process: docker build --target api|deployer|portal|edge|migrator|cli .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Platform.Api -c Release -o /out/api \
 && dotnet publish src/Deployer -c Release -o /out/deployer \
 && dotnet publish src/Portal -c Release -o /out/portal \
 && dotnet publish src/EdgeNode -c Release -o /out/edge \
 && dotnet publish migrations -c Release -o /out/migrator \
 && dotnet publish src/Platform.Cli -c Release -o /out/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN useradd --uid 10001 --create-home platform
USER platform

# The API serves the service repositories with git http-backend.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS api
RUN apt-get update \
 && apt-get install -y --no-install-recommends git \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --create-home platform \
 && mkdir /repositories && chown platform /repositories
USER platform
COPY --from=build /out/api /app
ENTRYPOINT ["dotnet", "/app/Platform.Api.dll"]

FROM runtime AS portal
COPY --from=build /out/portal /app
ENTRYPOINT ["dotnet", "/app/Platform.Portal.dll"]

FROM runtime AS edge
COPY --from=build /out/edge /app
ENTRYPOINT ["dotnet", "/app/Platform.EdgeNode.dll"]

# The platform command for CI jobs: docker run -e PLATFORM_API_URL -e PLATFORM_TOKEN <image> deploy <service> <version> --wait
FROM runtime AS cli
COPY --from=build /out/cli /app
ENTRYPOINT ["dotnet", "/app/platform.dll"]

FROM runtime AS migrator
COPY --from=build /out/migrator /app
COPY templates /templates
COPY sdk /sdk
ENTRYPOINT ["dotnet", "/app/Platform.Migrations.dll", "--templates", "/templates", "--sdk", "/sdk"]

# The Deployer builds services, so its image carries the toolchains (C → wasm32-wasi, jco) and the build sandbox
# (bubblewrap). Running as uid 10001, it sandboxes in an unprivileged user namespace: the container needs a
# seccomp profile that allows creating one and an unmasked /proc (see compose.yaml's deployer).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS deployer
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 nodejs npm bubblewrap \
 && rm -rf /var/lib/apt/lists/*
COPY tools /tools
COPY wit /wit
COPY sdk /sdk
RUN cd /tools/wasm && npm ci --no-audit --no-fund
COPY --from=build /out/deployer /app
RUN useradd --uid 10001 --create-home platform
USER platform
ENV Build__ToolsRoot=/tools PLATFORM_WIT_DIR=/wit PLATFORM_C_SDK_DIR=/sdk/c
ENTRYPOINT ["dotnet", "/app/Platform.Deployer.dll"]
