using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Stats;

public sealed class SqliteQuestionLogContractTests() : QuestionLogContractTests(SqlDialect.Sqlite);
