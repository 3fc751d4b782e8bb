using System.Globalization;
using System.Text;

namespace ChatBot.Worker.Status;

/// <summary>
/// The last day's questions per hour as an inline SVG bar chart (no script, no external resource): one bar per hour,
/// each with its count in a tooltip, hour marks every six hours (UTC), the tallest bar's count on the axis.
/// </summary>
public static class QuestionsChart
{
    private const int BarWidth = 18;
    private const int Gap = 4;
    private const int Height = 120;
    private const int Left = 32;
    private const int Bottom = 20;

    public static string Render(QuestionsPerHour questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var counts = questions.Counts;
        var max = Math.Max(1, counts.DefaultIfEmpty(0).Max());
        var width = Left + (counts.Count * (BarWidth + Gap));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{Height + Bottom}\" viewBox=\"0 0 {width} {Height + Bottom}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>Questions per hour, last {counts.Count} hours: {questions.Total} in all</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"12\" class=\"axis\">{max}</text><text x=\"0\" y=\"{Height}\" class=\"axis\">0</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left - 2}\" y1=\"{Height}\" x2=\"{width}\" y2=\"{Height}\" class=\"base\"/>");
        for (var i = 0; i < counts.Count; i++)
        {
            var hour = questions.FirstHour.AddHours(i);
            var x = Left + (i * (BarWidth + Gap));
            var h = (int)Math.Round((double)counts[i] / max * (Height - 16));
            var label = $"{hour:yyyy-MM-dd HH}:00 UTC: {counts[i]} question{(counts[i] == 1 ? string.Empty : "s")}";
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" data-count=\"{counts[i]}\" x=\"{x}\" y=\"{Height - h}\" width=\"{BarWidth}\" height=\"{h}\"><title>{label}</title></rect>");
            if (hour.Hour % 6 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Height + 14}\" class=\"axis\">{hour:HH}:00</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }
}
