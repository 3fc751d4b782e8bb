namespace ChatBot.Retrieval.Search;

/// <summary>
/// The k best (slot, similarity) pairs seen so far, as a min-heap on similarity (the worst on top); among equal
/// similarities the earlier slot ranks better. Two arrays per scan, nothing per offered item.
/// </summary>
internal struct TopK
{
    private readonly int[] _slots;
    private readonly float[] _similarities;
    private int _count;

    public TopK(int capacity)
    {
        _slots = new int[capacity];
        _similarities = new float[capacity];
    }

    public readonly bool IsFull => _count == _slots.Length;

    /// <summary>The similarity an item must beat once the heap is full.</summary>
    public readonly float Worst => _count == 0 ? float.NegativeInfinity : _similarities[0];

    /// <summary>Adds the item when there is room, else replaces the worst when it is better (slots arrive in increasing order).</summary>
    public void Offer(int slot, float similarity)
    {
        if (_count < _slots.Length)
        {
            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Worse(similarity, slot, _similarities[parent], _slots[parent]))
                {
                    break;
                }

                _slots[i] = _slots[parent];
                _similarities[i] = _similarities[parent];
                i = parent;
            }

            _slots[i] = slot;
            _similarities[i] = similarity;
            return;
        }

        if (!Worse(_similarities[0], _slots[0], similarity, slot))
        {
            return;
        }

        var at = 0;
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Worse(_similarities[child + 1], _slots[child + 1], _similarities[child], _slots[child]))
            {
                child++;
            }

            if (!Worse(_similarities[child], _slots[child], similarity, slot))
            {
                break;
            }

            _slots[at] = _slots[child];
            _similarities[at] = _similarities[child];
            at = child;
        }

        _slots[at] = slot;
        _similarities[at] = similarity;
    }

    public readonly (int Slot, float Similarity)[] Items()
    {
        var items = new (int, float)[_count];
        for (var i = 0; i < _count; i++)
        {
            items[i] = (_slots[i], _similarities[i]);
        }

        return items;
    }

    /// <summary>Whether a ranks below b: lower similarity, or equal similarity and a later slot.</summary>
    private static bool Worse(float aSimilarity, int aSlot, float bSimilarity, int bSlot) =>
        aSimilarity < bSimilarity || (aSimilarity == bSimilarity && aSlot > bSlot);
}
