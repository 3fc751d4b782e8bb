using System.Text.RegularExpressions;
using ChatBot.Core.Model;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>What kind of phrase answers a question, read from its wording.</summary>
public enum AnswerKind
{
    None,
    Quantity,
    Date,
    Person,
    Place,
    YesNo,
    Advice,
}

/// <summary>
/// Reads the expected answer type from the question ("how much/many" → quantity, "when/what year" → date,
/// "who" → person or organisation, "where" → place, "what should/must … do" → what someone should do (a "need
/// to / should / must …" phrase), "is/does/can…" → yes/no) and finds a phrase of that type in
/// a sentence that is not just the question's own words (the span the answer marks in bold).
/// </summary>
public static partial class AnswerType
{
    public static AnswerKind Of(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        // A condensed follow-up carries the previous question first: the last question decides.
        var parts = question.Split('?', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var q = (parts.Length == 0 ? question : parts[^1]).Trim().ToLowerInvariant();
        if (QuantityQuestion().IsMatch(q))
        {
            return AnswerKind.Quantity;
        }

        if (DateQuestion().IsMatch(q))
        {
            return AnswerKind.Date;
        }

        if (PersonQuestion().IsMatch(q))
        {
            return AnswerKind.Person;
        }

        if (PlaceQuestion().IsMatch(q))
        {
            return AnswerKind.Place;
        }

        if (AdviceQuestion().IsMatch(q))
        {
            return AnswerKind.Advice;
        }

        return YesNoQuestion().IsMatch(q) ? AnswerKind.YesNo : AnswerKind.None;
    }

    /// <summary>
    /// The first phrase of <paramref name="kind"/> in the sentence that adds something to the question, or null; of
    /// several quantities the first that fits the question (<see cref="Fits"/>), else the first.
    /// </summary>
    public static TextSpan? Find(AnswerKind kind, string sentence, IReadOnlySet<string> questionStems)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(questionStems);
        var pattern = kind switch
        {
            AnswerKind.Quantity => Quantity(),
            AnswerKind.Date => Date(),
            AnswerKind.Person or AnswerKind.Place => Name(),
            AnswerKind.Advice => Obligation(),
            _ => null,
        };
        if (pattern is null)
        {
            return null;
        }

        TextSpan? first = null;
        for (var match = pattern.Match(sentence); match.Success; match = match.NextMatch())
        {
            var value = match.Value.Trim();
            if (value.Length == 0 || (kind is AnswerKind.Person or AnswerKind.Place && ((StartsSentenceOrQuotation(sentence, match.Index) && !value.Contains(' ', StringComparison.Ordinal)) || IsOnlyQuestionWords(value, questionStems))))
            {
                continue;
            }

            if (kind is AnswerKind.Quantity or AnswerKind.Date or AnswerKind.Advice && IsOnlyQuestionWords(value, questionStems))
            {
                continue;
            }

            var length = match.Value.TrimEnd().Length;
            // a name that ends the sentence leaves its full stop out ("said Per Lindqvist."), an initial keeps it ("J.")
            length -= kind is AnswerKind.Person or AnswerKind.Place && length > 2 && value.EndsWith('.') && char.IsLower(value[^2]) ? 1 : 0;
            var span = new TextSpan(match.Index, length);
            if (kind is not AnswerKind.Quantity || Fits(value, questionStems))
            {
                return span;
            }

            first ??= span;
        }

        return first;
    }

    /// <summary>
    /// Whether the answer phrase is what the question asks for: a quantity that fits it (<see cref="Fits"/>); any phrase
    /// of the other types.
    /// </summary>
    public static bool FitsQuestion(AnswerKind kind, string phrase, IReadOnlySet<string> questionStems)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        ArgumentNullException.ThrowIfNull(questionStems);
        return kind is not AnswerKind.Quantity || Fits(phrase, questionStems);
    }

    /// <summary>
    /// A quantity that fits the question better than the sentence's first one: money for a question about cost or price,
    /// a duration for "how long", a length for "how deep/far/tall/high/wide" (or "how long"), a weight for "how heavy",
    /// or the question's own noun counted ("how many homes" → "14,000 homes").
    /// </summary>
    private static bool Fits(string value, IReadOnlySet<string> questionStems)
    {
        var terms = Text.TextTerms.Tokens(value).Select(t => Text.TextTerms.Stem(t.Token)).ToList();
        if (!AsksForAUnit(questionStems))
        {
            return terms.Exists(t => questionStems.Contains(t) && !t.Any(char.IsDigit));
        }

        if (questionStems.Overlaps(MoneyStems))
        {
            return Money().IsMatch(value);
        }

        if (questionStems.Contains("long"))
        {
            return Duration().IsMatch(value) || Length().IsMatch(value);
        }

        if (questionStems.Overlaps(LengthStems))
        {
            return Length().IsMatch(value);
        }

        return Weight().IsMatch(value);
    }

    /// <summary>Whether a quantity question asks for a unit (money, a duration, a length, a weight) rather than a count of its own noun.</summary>
    public static bool AsksForAUnit(IReadOnlySet<string> questionStems)
    {
        ArgumentNullException.ThrowIfNull(questionStems);
        return questionStems.Overlaps(MoneyStems) || questionStems.Contains("long") || questionStems.Overlaps(LengthStems) || questionStems.Overlaps(WeightStems);
    }

    // a single capitalised word that begins the sentence or a quotation ("“This is the moment …”") is not a name
    private static bool StartsSentenceOrQuotation(string sentence, int index)
    {
        var before = index;
        while (before > 0 && sentence[before - 1] is '"' or '“' or '‘' or '\'' or '(' or '[')
        {
            before--;
        }

        return before == 0 || (before < index && char.IsWhiteSpace(sentence[before - 1])) || (before < index && sentence[before - 1] is ':' or ',');
    }

    private static readonly HashSet<string> LengthStems = new(new[] { "deep", "depth", "far", "distance", "tall", "height", "high", "wide", "width", "length" }.Select(Text.TextTerms.Stem), StringComparer.Ordinal);

    private static readonly HashSet<string> WeightStems = new(new[] { "heavy", "weigh", "weight" }.Select(Text.TextTerms.Stem), StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:mm|cm|m|km|millimet(?:re|er)s?|centimet(?:re|er)s?|met(?:re|er)s?|kilomet(?:re|er)s?|inch(?:es)?|feet|foot|ft|yards?|miles?|light[- ]years?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Length();

    [GeneratedRegex(@"\b(?:mg|g|kg|grams?|kilograms?|kilos?|tons?|tonnes?|pounds|lbs?|ounces?|oz)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Weight();

    private static readonly HashSet<string> MoneyStems = new(new[] { "cost", "price", "spend", "spent", "pay", "paid", "money", "fund", "worth", "budget", "raise" }.Select(Text.TextTerms.Stem), StringComparer.Ordinal);

    [GeneratedRegex(@"[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|yuan|cents?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Money();

    [GeneratedRegex(@"\b(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    /// <summary>
    /// The noun a "how many" question counts, lower case ("how many gpus did …" → "gpus", "How many of the homes …" →
    /// "homes"), or null: the answer has to count it ("14,000 homes"), so an article that never names it cannot hold the
    /// answer (<see cref="UnknownNames"/>).
    /// </summary>
    public static string? CountedNoun(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var match = CountedNounPattern().Match(question.ToLowerInvariant());
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\bhow many\s+(?:of\s+(?:the|these|those|its|their|his|her|our|my|your)\s+)?(\p{L}[\p{L}\p{N}]*)\b")]
    private static partial Regex CountedNounPattern();

    private static bool IsOnlyQuestionWords(string value, IReadOnlySet<string> questionStems)
    {
        var terms = Text.TextTerms.Tokens(value).Select(t => Text.TextTerms.Stem(t.Token)).ToList();
        return terms.Count > 0 && terms.All(questionStems.Contains);
    }

    [GeneratedRegex(@"^(how (much|many|long|far|old|big|large|tall|high|heavy|often|fast|deep|wide)|what (percentage|percent|proportion|number|amount|fraction|share|price|cost|size|population)|what is the (cost|price|population|size|number|amount))\b")]
    private static partial Regex QuantityQuestion();

    [GeneratedRegex(@"^(when|since when|(what|which|in what|in which) (year|years|date|day|month|century|decade|time|era|period|season))\b|\bwhat year\b|\bwhen\b")]
    private static partial Regex DateQuestion();

    [GeneratedRegex(@"^(who|whom|whose)\b|^(what|which) (person|people|man|woman|company|organi[sz]ation|group|team|scientist|author|president|leader)\b|\bwho\b")]
    private static partial Regex PersonQuestion();

    [GeneratedRegex(@"^where\b|^(what|which|in what|in which) (country|city|state|place|region|town|continent|location|area|river|island|county|province)\b|\bwhere\b")]
    private static partial Regex PlaceQuestion();

    [GeneratedRegex(@"^(what|how) (should|must|ought|shall)\b|^what (do|does|did|would) .+ (need|needs|have|has|had) to do\b|^(how|what) (do|can|could|should|would|will) (i|we|you|one|people|someone|they) (stop|prevent|keep|protect|get rid of|deter|fix|avoid|solve|cure|treat|deal with|repair|remove|control|save|get)\b")]
    private static partial Regex AdviceQuestion();

    /// <summary>
    /// "need to reflect, abandon … and embrace …": the obligation and what it asks, to the sentence's end; or a remedy
    /// ("the only thing that has ever worked for me is netting …", "the best way is to …", "… works best").
    /// </summary>
    [GeneratedRegex(@"\b(?:should|must|ought to|needs? to|have to|has to|had better)\s+(?:not\s+)?[a-z][^.!?;]*|\b(?:the|a|one) (?:only|best|easiest|simplest|surest|safest|most effective) (?:thing|way|solution|remedy|method|fix|cure|option|answer|defence|defense)\b[^.!?;]*|\b(?:has|have|had)\s+(?:always\s+|ever\s+|only\s+)?worked\b[^.!?;]*|\b(?:works|worked) (?:best|well|wonders)\b[^.!?;]*|\b(?:solution|remedy|cure|answer|trick) is\b[^.!?;]*|\bis to\s+[a-z][^.!?;]*", RegexOptions.IgnoreCase)]
    private static partial Regex Obligation();

    [GeneratedRegex(@"^(is|are|was|were|does|do|did|can|could|has|have|had|will|would|should|shall|may)\b")]
    private static partial Regex YesNoQuestion();

    private const string NumberWord = "(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|several|a few)";

    [GeneratedRegex(@"(?:(?:US|A|C|NZ)?[$€£¥]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?|\b\d[\d,.]*(?<=\d)(?!\w)(?!\s(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)(?:\s?(?:%|percent|per cent|million|billion|trillion|thousand|hundred)\b)?(?:\s(?:[a-zA-Z]+\s)?(?:dollars|euros|pounds|yen|yuan|people|persons|years|months|days|hours|minutes|seconds|mm|cm|m|km|kilometres|kilometers|miles|metres|meters|centimetres|centimeters|millimetres|millimeters|inches|feet|ft|g|kg|kilograms|tons|tonnes|lbs|hectares|acres|GPUs|users|employees|students|members|copies|units|[a-zA-Z]{3,}s)\b)?|\b" + NumberWord + @"(?:[\s-]+" + NumberWord + @")*(?:\s(?:[a-zA-Z]+\s)?(?:dollars|euros|pounds|percent|people|years|months|days|hours|times|[a-zA-Z]{3,}s)\b)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"\b(?:(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s(?:the\s)?)?(?:\d{1,2}(?:st|nd|rd|th)?\s(?:and|to|or|-|–)\s)?(?:\d{1,2}(?:st|nd|rd|th)?\s)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s\d{3,4})?|(?:1[0-9]|20)\d{2}s?|\d{1,2}(?:st|nd|rd|th) century|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|\d{1,2}[:.]\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)?|(?:yesterday|today|tomorrow|last (?:year|week|month)|next (?:year|week|month)))\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"\b[A-Z][\p{L}\d'’.-]*(?:\s(?:(?:of|the|de|van|von|al|bin)\s)?[A-Z][\p{L}\d'’.-]*)*")]
    private static partial Regex Name();
}
