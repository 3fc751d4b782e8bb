using System.Globalization;
using System.Text;

namespace ChatBot.Soak;

/// <summary>Writes plain-text articles with distinct, checkable facts, and questions about them.</summary>
public static class ArticleGenerator
{
    private static readonly string[] Places = ["Tallinn", "Porto", "Kraków", "Bergen", "Ljubljana", "Valencia", "Tartu", "Gdańsk", "Aarhus", "Graz", "Split", "Turku"];
    private static readonly string[] Things = ["tidal power station", "cable car", "seed library", "night ferry", "glass bridge", "river museum", "solar tram", "salt archive", "sky garden", "bell foundry", "paper mill", "wind school"];
    private static readonly string[] People = ["Mari Kask", "João Pires", "Ola Nordmann", "Ana Novak", "Piotr Zieliński", "Lucía Ortega", "Mikko Laine", "Eva Horvat"];

    /// <summary>The questions the load asks: about the seed, about generated articles, and one nobody can answer.</summary>
    public static IReadOnlyList<string> Questions(int articles)
    {
        var questions = new List<string>
        {
            "What did Yann LeCun say about DeepSeek R1?",
            "Why does LeCun criticise Silicon Valley?",
            "What does LeCun say about the patent system?",
            "What is the capital of the planet Neptune's third moon?",
        };
        for (var i = 0; i < articles; i++)
        {
            var (place, thing, person, _) = Facts(i);
            questions.Add($"Who built the {thing} in {place}?");
            questions.Add($"When did {person} open the {thing}?");
        }

        return questions;
    }

    /// <summary>Writes <paramref name="count"/> articles of about <paramref name="paragraphs"/> paragraphs into the folder.</summary>
    public static void Write(string folder, int count, int paragraphs = 6, string prefix = "generated")
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            WriteOne(folder, i, i, paragraphs, prefix);
        }
    }

    /// <summary>
    /// Writes article number <paramref name="number"/> (title "The {thing} of {place} ({prefix} {number})") with the facts of
    /// <paramref name="facts"/>; returns its path.
    /// </summary>
    public static string WriteOne(string folder, int number, int facts, int paragraphs, string prefix)
    {
        Directory.CreateDirectory(folder);
        var (place, thing, person, year) = Facts(facts);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The {thing} of {place} ({prefix} {number})\n\n");
        text.Append(CultureInfo.InvariantCulture, $"The {thing} in {place} was built by {person} and opened in {year}. ");
        text.Append(CultureInfo.InvariantCulture, $"{person} said the {thing} would change how {place} lives with its coast.\n\n");
        for (var p = 0; p < paragraphs; p++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"In its {Ordinal(p + 2)} year the {thing} welcomed {1000 + (p * 137) + facts} visitors a week. ");
            text.Append(CultureInfo.InvariantCulture,
                $"Local reporters in {place} noted that paragraph {p} of this story concerns maintenance, funding and the city council of {place}. ");
            text.Append(CultureInfo.InvariantCulture,
                $"Critics asked whether the {thing} was worth {(p + 3) * 1.5:0.0} million euros, and {person} answered that openness and shared tools made it cheaper.\n\n");
        }

        var path = Path.Combine(folder, $"{prefix}_{number:D4}.txt");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static (string Place, string Thing, string Person, int Year) Facts(int i) =>
        (Places[i % Places.Length], Things[(i / Places.Length + i) % Things.Length] + (i >= Places.Length * Things.Length ? " " + i.ToString(CultureInfo.InvariantCulture) : string.Empty),
         People[i % People.Length], 1990 + (i % 30));

    private static string Ordinal(int n) => n switch
    {
        2 => "second",
        3 => "third",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };
}
