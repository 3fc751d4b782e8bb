using System.Text;
using ChatBot.Core.Chat;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChatBot.Worker.ConsolePlatform;

/// <summary>Renders a reply for a terminal: title, text, listed items, numbered sources, note. Plain text, or styled for Spectre.Console.</summary>
public static class ConsoleReplyRenderer
{
    /// <summary>Plain text (pipes, logs, tests): Markdown marks removed.</summary>
    public static string Render(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var builder = new StringBuilder();
        foreach (var (style, text) in Lines(reply))
        {
            builder.AppendLine(style == LineStyle.Rule ? new string('─', Math.Min(60, text.Length)) : ConsoleMarkdown.ToPlain(text));
        }

        return builder.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <summary>The same lines with colours: a bold title over a rule, dim notes and sources, linked URLs.</summary>
    public static IRenderable ToRenderable(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var rows = new List<IRenderable>();
        foreach (var (style, text) in Lines(reply))
        {
            rows.Add(text.Length == 0 ? new Text(" ") : style switch
            {
                LineStyle.Title => new Markup($"[bold {(reply.Kind == ReplyKind.Error ? "red" : "yellow")}]{ConsoleMarkdown.ToMarkup(text)}[/]"),
                LineStyle.Rule => new Markup("[grey]" + new string('─', Math.Min(60, text.Length)) + "[/]"),
                LineStyle.Heading => new Markup($"[bold]{ConsoleMarkdown.ToMarkup(text)}[/]"),
                LineStyle.Dim => new Markup($"[grey]{ConsoleMarkdown.ToMarkup(text)}[/]"),
                _ => new Markup(ConsoleMarkdown.ToMarkup(text)),
            });
        }

        return new Rows(rows);
    }

    private enum LineStyle
    {
        Text,
        Title,
        Rule,
        Heading,
        Dim,
    }

    private static IEnumerable<(LineStyle Style, string Text)> Lines(ChatReply reply)
    {
        if (!string.IsNullOrEmpty(reply.Title))
        {
            yield return (LineStyle.Title, reply.Title);
            yield return (LineStyle.Rule, reply.Title);
        }

        foreach (var line in reply.Text.Split('\n'))
        {
            yield return (LineStyle.Text, line.TrimEnd('\r'));
        }

        foreach (var item in reply.Items)
        {
            yield return (LineStyle.Heading, "  • " + item.Title + (item.Url is null ? string.Empty : " <" + item.Url + ">"));
            if (item.Text.Length > 0)
            {
                yield return (LineStyle.Text, "    " + item.Text);
            }

            foreach (var source in item.Sources ?? [])
            {
                yield return (LineStyle.Dim, "    also: " + source.Title + (source.Url is null ? string.Empty : " <" + source.Url + ">"));
            }
        }

        if (reply.Citations.Count > 0)
        {
            yield return (LineStyle.Text, string.Empty);
            yield return (LineStyle.Heading, reply.Kind == ReplyKind.Answer && reply.Title is not null ? "Closest articles:" : "Sources:");
            foreach (var citation in reply.Citations)
            {
                yield return (LineStyle.Dim, $"  [{citation.Number}] {citation.Title} — {citation.Url ?? citation.Source}");
            }
        }

        if (!string.IsNullOrEmpty(reply.Note))
        {
            yield return (LineStyle.Text, string.Empty);
            yield return (LineStyle.Dim, "Note: " + reply.Note);
        }
    }
}
