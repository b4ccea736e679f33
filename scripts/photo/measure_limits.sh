#!/bin/sh
# Peak memory and time of `landmark detect` on large generated photos (docs/PhotoLimits.md).
# Makes JPEGs from the committed group.png with ffmpeg: "up" = the photo upscaled (6 large faces), "tiled" =
# the photo tiled then scaled (many small faces). Usage: scripts/photo/measure_limits.sh [landmark binary] [dir]
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$repo/.build/release/landmark}
dir=${2:-/tmp/landmark-photo-limits}
group=$repo/Tests/Fixtures/mtcnn/photos/group.png
mkdir -p "$dir"
make() { # name, filter
    [ -f "$dir/$1.jpg" ] || ffmpeg -hide_banner -loglevel error -y -loop 1 -i "$group" -frames:v 1 -vf "$2" -q:v 2 "$dir/$1.jpg"
}
make up12 scale=4000:3000
make tiled12 tile=7x8,scale=4000:3000
make up36 scale=7360:4912
make up48 scale=8000:6000
make tiled48 tile=12x15,scale=8000:6000
make tiled96 tile=19x20,scale=12000:8000
for name in up12 tiled12 up36 up48 tiled48 tiled96; do
    /usr/bin/time -v "$bin" detect "$dir/$name.jpg" > "$dir/$name.out" 2> "$dir/$name.time" || true
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/$name.time")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/$name.time")
    user=$(sed -n 's/.*User time (seconds): //p' "$dir/$name.time")
    sys=$(sed -n 's/.*System time (seconds): //p' "$dir/$name.time")
    printf '%-8s peak %5d MB  wall %s  user %s s  sys %s s  %s\n' "$name" $((rss / 1024)) "$wall" "$user" "$sys" \
        "$(head -n 1 "$dir/$name.out" | sed 's/.*: //') $(grep '^error' "$dir/$name.time" || true)"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
