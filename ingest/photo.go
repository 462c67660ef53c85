package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/ringerhq/ringer/photo"
)

// hashPhoto reads the image file at path and returns its perceptual hash
// (16 hex digits, see package photo) and the SHA-256 of its bytes.
func hashPhoto(ctx context.Context, path string) (phash, sum string, err error) {
	if err := ctx.Err(); err != nil {
		return "", "", err
	}
	f, err := openRegular(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, photo.MaxBytes+1))
	if err != nil {
		return "", "", fmt.Errorf("read %s: %w", path, err)
	}
	h, err := photo.HashReader(bytes.NewReader(data))
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", path, err)
	}
	s := sha256.Sum256(data)
	return photo.FormatHex(h), hex.EncodeToString(s[:]), nil
}
