package sqlite

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// encodeKeys writes persona keys as the personas.keys column holds them:
// each key as its length in bytes (an unsigned varint) followed by its
// bytes. Decoding this is several times cheaper than JSON, and Personas
// decodes it for every candidate of every screen.
func encodeKeys(keys []string) []byte {
	n := 0
	for _, k := range keys {
		n += binary.MaxVarintLen64 + len(k)
	}
	b := make([]byte, 0, n)
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
	}
	return b
}

// decodeKeys reads what encodeKeys wrote.
func decodeKeys(b []byte) ([]string, error) {
	var keys []string
	for off := 0; off < len(b); {
		n, w := binary.Uvarint(b[off:])
		if w <= 0 {
			return nil, fmt.Errorf("persona keys: bad length at byte %d", off)
		}
		off += w
		if n > uint64(len(b)-off) {
			return nil, fmt.Errorf("persona keys: key at byte %d runs %d bytes past the end", off, n-uint64(len(b)-off))
		}
		keys = append(keys, string(b[off:off+int(n)]))
		off += int(n)
	}
	return keys, nil
}

// encodeTags writes a persona's tags as the personas.tags column holds
// them: for each of the sorted, distinct keys that has a tag, the key's
// position (an unsigned varint) and the tag (8 bytes, big-endian). It is
// never nil, so that a stored row without tags tells itself apart from a
// row written before the column (NULL), nor empty, which a read gives
// back as nil: it starts with a format byte, 1.
func encodeTags(keys []string, tags map[string]int64) []byte {
	b := []byte{1}
	if len(tags) == 0 {
		return b
	}
	for i, k := range keys {
		t, ok := tags[k]
		if !ok {
			continue
		}
		b = binary.AppendUvarint(b, uint64(i))
		b = binary.BigEndian.AppendUint64(b, uint64(t))
	}
	return b
}

// encodePhotos writes photo hashes as the personas.photos column holds
// them: a format byte, 1 (so that no persona's is empty, see
// encodeTags), then the distinct hashes, ascending, 8 bytes each,
// big-endian.
func encodePhotos(photos []uint64) []byte {
	hs := slices.Clone(photos)
	slices.Sort(hs)
	hs = slices.Compact(hs)
	b := make([]byte, 1, 1+8*len(hs))
	b[0] = 1
	for _, h := range hs {
		b = binary.BigEndian.AppendUint64(b, h)
	}
	return b
}
