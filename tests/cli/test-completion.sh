#!/bin/bash
# SPDX-License-Identifier: MIT
# The bash completion (completion/gmcsim.bash) completes subcommands, each
# subcommand's options and the values gmcsim lists itself. It is sourced with
# bash-completion's helpers when they are installed, else with a minimal
# stand-in for _init_completion and _filedir (also when GMCSIM_STUB_COMPLETION
# is set). TAP output.
# usage: test-completion.sh GMCSIM COMPLETION_FILE
set -u
gmcsim=$1
script=$2

if [ -z "${GMCSIM_STUB_COMPLETION:-}" ] && [ -r /usr/share/bash-completion/bash_completion ]; then
	. /usr/share/bash-completion/bash_completion
fi
if ! declare -F _init_completion >/dev/null; then
	_init_completion()
	{
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
	}
	_filedir() { COMPREPLY+=($(compgen -f -- "$cur")); }
fi
. "$script"

n=0
failed=0
# expect "WANT..." -- WORDS...: COMPREPLY for the command line WORDS (the last
# one is being completed) holds every word of WANT and, with "=", nothing else.
expect()
{
	local exact=0 want=()
	if [ "$1" = "=" ]; then
		exact=1
		shift
	fi
	while [ "$1" != "--" ]; do
		want+=("$1")
		shift
	done
	shift
	COMP_WORDS=("$gmcsim" "$@")
	COMP_CWORD=$#
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_gmcsim
	n=$((n + 1))
	local got=" ${COMPREPLY[*]} " ok=1 w
	for w in "${want[@]}"; do
		[[ $got == *" $w "* ]] || ok=0
	done
	if [ $exact = 1 ] && [ ${#COMPREPLY[@]} -ne ${#want[@]} ]; then
		ok=0
	fi
	if [ $ok = 1 ]; then
		echo "ok $n - gmcsim $*"
	else
		echo "not ok $n - gmcsim $*"
		echo "# want ${want[*]}, got ${COMPREPLY[*]}"
		failed=1
	fi
}

echo "1..20"
expect = check -- ch
# gmcsim fix: its verbs, then a built-in strategy's name
expect = show -- fix sh
expect = upstream -- fix show up
# sweep's generated spaces
expect = --generate -- sweep --gen
expect = node-pairs fb-offsets random: -- sweep --generate ""
expect check sweep fix layout asics profile probe scan help -- ""
expect = --fix --fix-file -- check --fi
expect = --summary -- check --su
expect --no-legend -- check --no
expect --wide -- check --w
expect gc944-node2-to-node5 navi21-fb-offset -- check --pair ""
expect = none,rfc none,rfc-all -- check --fix none,r
expect = psp -- check --blocks ps
expect 6.12 6.17 6.18 -- check --kernel ""
expect navi21 navi22 navi23 navi24 -- layout --asic navi2
expect = -- layout --asic gfx942
expect = show -- profile sh
expect gc944-vf-node2-otherbar gc944-vf-node2-otherid -- profile show gc944-vf-node2-o
expect --sysfs --sriov -- profile import --s
expect = profile probe -- help pr
exit $failed
