using System.Text;
using ChatBot.Core.Chat;

namespace ChatBot.Worker.ConsolePlatform;

/// <summary>Renders a reply for a terminal: title, text, listed items, numbered sources, note.</summary>
public static class ConsoleReplyRenderer
{
    public static string Render(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var builder = new StringBuilder();
        if (!string.IsNullOrEmpty(reply.Title))
        {
            builder.AppendLine(reply.Title).AppendLine(new string('─', Math.Min(60, reply.Title.Length)));
        }

        builder.AppendLine(reply.Text.Replace("**", string.Empty, StringComparison.Ordinal));
        foreach (var item in reply.Items)
        {
            builder.Append("  • ").Append(item.Title);
            if (item.Url is not null)
            {
                builder.Append(" <").Append(item.Url).Append('>');
            }

            builder.AppendLine();
            if (item.Text.Length > 0)
            {
                builder.Append("    ").AppendLine(item.Text.Replace("**", "*", StringComparison.Ordinal));
            }

            foreach (var source in item.Sources ?? [])
            {
                builder.Append("    also: ").Append(source.Title).AppendLine(source.Url is null ? string.Empty : " <" + source.Url + ">");
            }
        }

        if (reply.Citations.Count > 0)
        {
            builder.AppendLine().AppendLine(reply.Kind == ReplyKind.Answer && reply.Title is not null ? "Closest articles:" : "Sources:");
            foreach (var citation in reply.Citations)
            {
                builder.Append("  [").Append(citation.Number).Append("] ").Append(citation.Title).Append(" — ").Append(citation.Url ?? citation.Source).AppendLine();
            }
        }

        if (!string.IsNullOrEmpty(reply.Note))
        {
            builder.AppendLine().Append("Note: ").AppendLine(reply.Note);
        }

        return builder.ToString().TrimEnd() + Environment.NewLine;
    }
}
