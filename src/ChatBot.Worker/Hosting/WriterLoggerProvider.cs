using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ChatBot.Worker.Hosting;

/// <summary>
/// One line per log entry ("15:07:51 warn: Category[3005] message", the exception below it) on a given writer:
/// standard error for the app, a string writer in tests, so what a user would see on the terminal can be asserted.
/// </summary>
public sealed class WriterLoggerProvider(TextWriter writer, TimeProvider? timeProvider = null) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public ILogger CreateLogger(string categoryName) => new WriterLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, EventId eventId, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{_time.GetLocalNow():HH:mm:ss} {Abbreviation(level)}: {category}[{eventId.Id}] {message}");
        lock (_gate)
        {
            writer.WriteLine(line);
            if (exception is not null)
            {
                writer.WriteLine(exception.ToString());
            }

            writer.Flush();
        }
    }

    private static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class WriterLogger(WriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, eventId, formatter(state, exception), exception);
            }
        }
    }
}
