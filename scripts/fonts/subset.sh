#!/usr/bin/env bash
# Regenerates the font the PDF documents embed (docs/ARCHITECTURE.md, « PDF »): Noto Sans regular
# and bold (SIL Open Font License 1.1, no reserved font name), pre-subset to the Latin scripts a
# French certifier meets in names — Basic Latin, Latin-1, Latin Extended-A/B and Additional,
# combining accents, general punctuation (’ « » … NBSP, narrow NBSP), € and a few symbols. No
# hinting and no layout tables: the documents draw glyph by glyph with the hmtx advances, and
# printers and viewers rasterise outlines well without hints.
# Needs fonttools (Debian: python3-fonttools) and fonts-noto-core. Run from the repository root:
#   bash scripts/fonts/subset.sh
set -euo pipefail
src=/usr/share/fonts/truetype/noto
out=addin/public/fonts
unicodes='U+0020-007E,U+00A0-00FF,U+0100-017F,U+0180-024F,U+0250-02FF,U+0300-036F,U+1E00-1EFF,U+2000-206F,U+20AC,U+2116,U+2122,U+2190-2193,U+2212,U+25A0-25A1,U+2713'
mkdir -p "$out"
for style in Regular Bold; do
  /usr/bin/python3 -m fontTools.subset "$src/NotoSans-$style.ttf" \
    --unicodes="$unicodes" --no-hinting --layout-features='' --name-IDs='*' --name-languages='*' \
    --drop-tables+=GSUB,GPOS,GDEF,DSIG,STAT,MVAR,HVAR --notdef-outline --recalc-bounds \
    --output-file="$out/NotoSans-$style.subset.ttf"
done
# The licence travels with the font: the OFL paragraph of Debian's copyright file for the package.
awk 'p && !/^ / {exit} p {print} prev ~ /^License: OFL-1.1$/ && /^ PREAMBLE/ {p=1; print} {prev=$0}' \
  /usr/share/doc/fonts-noto-core/copyright | sed 's/^ //; s/^\.$//' > "$out/OFL.txt.tmp"
{ echo 'Noto Sans — Copyright 2010-2020 Google Inc. / Google LLC.'
  echo 'Subset by scripts/fonts/subset.sh (Latin scripts only). Licensed under the SIL Open Font License 1.1:'
  echo
  cat "$out/OFL.txt.tmp"; } > "$out/OFL.txt"
rm "$out/OFL.txt.tmp"
ls -l "$out"
