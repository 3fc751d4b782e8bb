using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Stats;

[Collection(PostgresCollection.Name)]
public sealed class PostgresQuestionLogContractTests() : QuestionLogContractTests(SqlDialect.Postgres);
