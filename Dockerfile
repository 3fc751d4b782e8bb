# syntax=docker/dockerfile:1
# The bot in a container: restore (a cached layer that only changes with the project files), publish for the target
# platform (linux/amd64 or linux/arm64: docker buildx build --platform linux/arm64 .), then the ASP.NET runtime image
# running as its non-root "app" user. Tests are not run here (they need PostgreSQL): run scripts/test.sh before.
#   docker build -t chatbot .
#   docker run -d -v chatbot-data:/bot/data -e Discord__Token=… -e Discord__ApplicationId=… chatbot
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ChatBot.Core/ChatBot.Core.csproj src/ChatBot.Core/
COPY src/ChatBot.Retrieval/ChatBot.Retrieval.csproj src/ChatBot.Retrieval/
COPY src/ChatBot.Discord/ChatBot.Discord.csproj src/ChatBot.Discord/
COPY src/ChatBot.Slack/ChatBot.Slack.csproj src/ChatBot.Slack/
COPY src/ChatBot.Digests/ChatBot.Digests.csproj src/ChatBot.Digests/
COPY src/ChatBot.Worker/ChatBot.Worker.csproj src/ChatBot.Worker/
RUN dotnet restore src/ChatBot.Worker/ChatBot.Worker.csproj -a "$TARGETARCH"
COPY config/ config/
COPY seeds/ seeds/
COPY src/ src/
RUN dotnet publish src/ChatBot.Worker/ChatBot.Worker.csproj -c Release -a "$TARGETARCH" --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /bot
COPY --from=build /app /app
# The database (SQLite) and anything the bot writes live in /bot/data, owned by the image's non-root user.
RUN mkdir -p /bot/data && chown app:app /bot/data
USER app
VOLUME ["/bot/data"]
ENV Storage__DataDirectory=/bot/data \
    Ingestion__SeedsDirectory=/app/seeds \
    Health__Urls=http://0.0.0.0:8080
EXPOSE 8080
# GET /health answers once the index is loaded and while the database answers (the `health` verb exits 0 or 1).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "/app/ChatBot.Worker.dll", "health"]
ENTRYPOINT ["dotnet", "/app/ChatBot.Worker.dll"]
