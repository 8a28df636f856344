#!/usr/bin/env bash
# Builds the fuzz seed corpora from the repo's own samples (data/samples), deterministically:
#   seeds.sh OUT_DIR
# writes OUT_DIR/{text,html,jsonl,warc,gzip}/, one file per seed. Needs only bash, sed, awk
# and gzip. Same samples in, same bytes out (gzip -n stores no name or time).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:?usage: seeds.sh OUT_DIR}
samples=data/samples
wire=$samples/armenia-azerbaijan-2022-09-13.txt
jsonl=$samples/geovirus-wikinews.jsonl
# Wikinews lines taken, spread over the file (each is a few KiB).
lines="1 2 3 50 100 150 200 229"

mkdir -p "$out"/{text,html,jsonl,warc,gzip}
export LC_ALL=C

# The "text" field of a JSON line, its common escapes undone (\uXXXX left as it is: the
# pipeline sees those bytes as ordinary text, which is fine for a seed).
json_text() {
    sed -n 's/.*"text": *"\(.*\)"[^"]*$/\1/p' |
        sed 's/\\n/\n/g; s/\\t/\t/g; s/\\"/"/g; s/\\\//\//g; s/\\\\/\\/g'
}
# A string as the inside of a JSON string literal.
json_escape() {
    sed 's/\\/\\\\/g; s/"/\\"/g; s/\t/\\t/g' | awk 'BEGIN { ORS = "" } NR > 1 { print "\\n" } { print }'
}
html_escape() {
    sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'
}
# Plain text as a news page: head metadata, navigation and footer chrome around <article>,
# one <p> per paragraph (blank-line separated), the first line as the headline.
as_html() {
    local title=$1
    printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
    printf '<title>%s</title>\n' "$title"
    printf '<meta property="article:published_time" content="2022-09-13T10:00:00Z">\n'
    printf '<meta name="author" content="Staff Reporter">\n</head><body>\n'
    printf '<nav><a href="/">Home</a> &gt; <a href="/world">World</a></nav>\n'
    printf '<article><h1>%s</h1>\n' "$title"
    html_escape | awk 'BEGIN { RS = ""; FS = "\n" } { gsub(/\n/, " "); print "<p>" $0 "</p>" }'
    printf '</article>\n<aside><h2>Most read</h2><ul><li><a href="/x">Other story</a></li></ul></aside>\n'
    printf '<footer>&copy; 2022 News Example. All rights reserved.</footer>\n</body></html>\n'
}
# One WARC record with a correct Content-Length; the block is read from stdin.
warc_record() {
    local kind=$1 id=$2 uri=$3 type=$4 block
    block=$(mktemp)
    cat > "$block"
    printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\n' "$kind" "$id"
    printf 'WARC-Date: 2022-09-13T12:00:00Z\r\n'
    [ -n "$uri" ] && printf 'WARC-Target-URI: %s\r\n' "$uri"
    printf 'Content-Type: %s\r\nContent-Length: %s\r\n\r\n' "$type" "$(wc -c < "$block")"
    cat "$block"
    printf '\r\n\r\n'
    rm -f "$block"
}
# An HTML page (stdin) as an HTTP response block.
http_response() {
    local page
    page=$(mktemp)
    cat > "$page"
    printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n'
    printf 'Content-Length: %s\r\n\r\n' "$(wc -c < "$page")"
    cat "$page"
    rm -f "$page"
}
# A page (stdin) as a whole WARC file: warcinfo, request, response.
as_warc() {
    local name=$1
    printf 'software: sitrep seeds.sh\r\nformat: WARC File Format 1.0\r\n' |
        warc_record warcinfo "info-$name" "" application/warc-fields
    printf 'GET /%s HTTP/1.1\r\nHost: news.example\r\n\r\n' "$name" |
        warc_record request "req-$name" "https://news.example/$name" "application/http; msgtype=request"
    http_response | warc_record response "resp-$name" "https://news.example/$name" \
        "application/http; msgtype=response"
}

# text: the wire story as a scraper left it, and Wikinews texts.
cp "$wire" "$out/text/wire.txt"
for n in $lines; do
    sed -n "${n}p" "$jsonl" | json_text > "$out/text/wikinews-$n.txt"
done

# html: each text seed as a page.
for seed in "$out"/text/*.txt; do
    name=$(basename "$seed" .txt)
    head -n 1 "$seed" | cut -c 1-80 | html_escape > "$out/title"
    as_html "$(cat "$out/title")" < "$seed" > "$out/html/$name.html"
done
rm -f "$out/title"

# jsonl: single lines, several lines together, and a line carrying HTML instead of text.
for n in $lines; do
    sed -n "${n}p" "$jsonl" > "$out/jsonl/wikinews-$n.jsonl"
done
sed -n '4,6p' "$jsonl" > "$out/jsonl/three-lines.jsonl"
{
    printf '{"id": "html-wire", "url": "https://news.example/wire", "published": "2022-09-13", "html": "'
    json_escape < "$out/html/wire.html"
    printf '"}\n{"id": 7, "text": "A second line with a numeric id."}\n'
} > "$out/jsonl/html-field.jsonl"

# warc: each page in a crawl, and one crawl holding two pages and a resource record.
for page in "$out"/html/*.html; do
    name=$(basename "$page" .html)
    as_warc "$name" < "$page" > "$out/warc/$name.warc"
done
{
    cat "$out/warc/wire.warc"
    http_response < "$out/html/wikinews-2.html" |
        warc_record response resp-two https://news.example/two "application/http; msgtype=response"
    warc_record resource res-three https://news.example/three "text/html" < "$out/html/wikinews-3.html"
} > "$out/warc/two-pages-and-a-resource.warc"

# gzip: one seed of each format compressed whole, and a .warc.gz as crawlers write it (one
# gzip member per record).
gzip -n -9 -c "$out/text/wire.txt" > "$out/gzip/wire.txt.gz"
gzip -n -9 -c "$out/html/wire.html" > "$out/gzip/wire.html.gz"
gzip -n -9 -c "$out/jsonl/three-lines.jsonl" > "$out/gzip/three-lines.jsonl.gz"
gzip -n -9 -c "$out/warc/wire.warc" > "$out/gzip/wire.warc.gz"
{
    printf 'software: sitrep seeds.sh\r\n' |
        warc_record warcinfo info-members "" application/warc-fields | gzip -n -c
    http_response < "$out/html/wikinews-1.html" |
        warc_record response resp-members https://news.example/members \
            "application/http; msgtype=response" | gzip -n -c
} > "$out/gzip/members.warc.gz"

for dir in text html jsonl warc gzip; do
    echo "seeds: $dir: $(find "$out/$dir" -type f | wc -l) files, $(cat "$out/$dir"/* | wc -c) bytes"
done
