using System.Globalization;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>ROUGE F1 (×100, best over references) of the summarizer beside the Lead-1 and Lead-3 baselines.</summary>
public sealed record SummaryReport(int Inputs, (double R1, double R2, double RL) System, (double R1, double R2, double RL) Lead1, (double R1, double R2, double RL) Lead3)
{
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0} inputs, ROUGE-1/2/L F1: summarizer {1:F1}/{2:F1}/{3:F1}  Lead-1 {4:F1}/{5:F1}/{6:F1}  Lead-3 {7:F1}/{8:F1}/{9:F1}",
        Inputs, System.R1, System.R2, System.RL, Lead1.R1, Lead1.R2, Lead1.RL, Lead3.R1, Lead3.R2, Lead3.RL);
}
