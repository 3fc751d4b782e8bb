using System.Collections;
using System.Reflection;
using ChatBot.Core.Libraries;
using ChatBot.Digests;
using ChatBot.Discord;
using ChatBot.Retrieval.Storage;
using ChatBot.Slack;

namespace ChatBot.Worker.Hosting;

/// <summary>
/// Every options class of the bot (a class with <c>public const string SectionName</c>) and the keys it binds: what
/// the unknown-key warning compares configuration with, and what the documentation test compares the tables with.
/// </summary>
public static class OptionsCatalog
{
    public static IReadOnlyList<(string Section, Type Type)> All { get; } =
        new[] { typeof(LibraryOptions), typeof(StorageOptions), typeof(DigestOptions), typeof(DiscordOptions), typeof(SlackOptions), typeof(OptionsCatalog) }
            .Select(t => t.Assembly)
            .Distinct()
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type))
            .OrderBy(x => x.Item1, StringComparer.Ordinal)
            .ToList();

    /// <summary>The properties configuration binds: public with a public setter, or a collection the binder fills.</summary>
    public static IReadOnlyList<PropertyInfo> Keys(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.SetMethod is { IsPublic: true } || IsCollection(p.PropertyType)))
            .ToList();
    }

    /// <summary>The value type of a dictionary keyed by name (Libraries:Named:&lt;name&gt;:…), or null.</summary>
    public static Type? DictionaryValueType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];
    }

    /// <summary>The element type of a list property, or null for a single value or a dictionary.</summary>
    public static Type? ElementType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type == typeof(string) || DictionaryValueType(type) is not null ? null
            : type.IsArray ? type.GetElementType()
            : IsCollection(type) ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;
    }

    /// <summary>True for a type whose properties are keys in their own right (a nested section), not one value.</summary>
    public static bool IsSection(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);
    }

    private static bool IsCollection(Type type) =>
        type != typeof(string) && (type.IsArray || type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>)));
}
