package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"github.com/ringerhq/ringer"
)

// maxResume is the most bytes of résumé text (or of a résumé file) read.
const maxResume = 32 << 20

// files fills in what a record names by path: the text of its résumé and
// the hashes of its photos. It returns a problem (without file and line)
// for each file that could not be used; the record keeps the rest.
func (d *decoder) files(ctx context.Context, rec *ringer.Record) []Problem {
	var out []Problem
	if rec.Resume != nil && rec.Resume.Path != "" && rec.Resume.Text == "" {
		text, err := resumeText(d.resolve(rec.Resume.Path))
		if err != nil {
			out = append(out, Problem{Field: "resume.path", Reason: fmt.Sprintf("résumé not read, the record is kept without it: %v", err)})
		} else {
			rec.Resume.Text = text
		}
	}
	for i := range rec.Photos {
		ph := &rec.Photos[i]
		if ph.Path == "" || ph.PHash != "" {
			continue
		}
		h, sum, err := hashPhoto(ctx, d.resolve(ph.Path))
		if err != nil {
			out = append(out, Problem{Field: fmt.Sprintf("photos[%d].path", i), Reason: fmt.Sprintf("photo not hashed, the record is kept without its hash: %v", err)})
			continue
		}
		ph.PHash = h
		if ph.SHA256 == "" {
			ph.SHA256 = sum
		}
	}
	return out
}

// namesFiles reports whether a record names a file that files would read.
func namesFiles(rec *ringer.Record) bool {
	if rec.Resume != nil && rec.Resume.Path != "" && rec.Resume.Text == "" {
		return true
	}
	for _, ph := range rec.Photos {
		if ph.Path != "" && ph.PHash == "" {
			return true
		}
	}
	return false
}

// resolve makes a path named in a record relative to the input's directory.
func (d *decoder) resolve(p string) string {
	if filepath.IsAbs(p) || d.dir == "" {
		return p
	}
	return filepath.Join(d.dir, p)
}

// resumeText returns the text of a résumé file: a PDF's text, or any other
// file's content as UTF-8 text.
func resumeText(path string) (string, error) {
	f, err := openRegular(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 5)
	n, _ := io.ReadFull(f, head)
	if bytes.Equal(head[:n], []byte("%PDF-")) || strings.EqualFold(filepath.Ext(path), ".pdf") {
		return pdfText(f, path)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	b, err := io.ReadAll(io.LimitReader(f, maxResume+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxResume {
		return "", fmt.Errorf("%s is larger than %d bytes", path, maxResume)
	}
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return string(b), nil
}

// pdfText extracts the plain text of a PDF. The PDF library panics on some
// malformed files; that is turned into an error.
func pdfText(f *os.File, path string) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: malformed PDF (%v)", path, r)
		}
	}()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	r, err := pdf.NewReader(f, st.Size())
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	tr, err := r.GetPlainText()
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	b, err := io.ReadAll(io.LimitReader(tr, maxResume+1))
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if len(b) > maxResume {
		b = b[:maxResume]
	}
	return strings.TrimSpace(strings.ToValidUTF8(string(b), "\uFFFD")), nil
}

// openRegular opens a file named in a record, refusing anything but a
// regular file (a device or a pipe could block or never end).
func openRegular(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	return os.Open(path)
}
