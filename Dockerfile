# Multi-stage build: SDK (restore, build, test) -> ASP.NET runtime (the worker uses Kestrel for optional HTTP endpoints).
# Not built on the development machines (no Docker engine there); kept simple and standard.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet restore ChatBot.sln
# PostgreSQL tests need a server (.ci/run starts one); they are left to CI here.
RUN dotnet test ChatBot.sln --no-restore --filter "FullyQualifiedName!~Postgres"
RUN dotnet publish src/ChatBot.Worker -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /bot
COPY --from=build /app /app
# The database (SQLite) and anything the bot writes live here.
VOLUME ["/bot/data"]
ENV Storage__DataDirectory=/bot/data \
    Ingestion__SeedsDirectory=/app/seeds
ENTRYPOINT ["dotnet", "/app/ChatBot.Worker.dll"]
