# bash completion for gmcsim(1)                             -*- shell-script -*-
# SPDX-License-Identifier: MIT
#
# Subcommands, each subcommand's options, and the values gmcsim can list
# itself: pair and profile names (gmcsim profile pairs / list), part names,
# aliases and GC versions (gmcsim asics), blocks (gmcsim check --sites),
# worked examples (gmcsim layout --help). The rest are fixed lists.
# tests/cli/test-docs-cli.py fails when a subcommand's --help names an
# option this file does not.

_gmcsim_commands="check sweep fix layout asics profile probe scan help"

_gmcsim_opts_check="--pair --from --to --blocks --block-file --fix --swap-at --cycles
	--fix-file --kernel --assume --scenario --fail-on --json --svg --map --sites --explain
	--summary --no-legend --wide --help"
_gmcsim_opts_sweep="--pair --from --to --blocks --block-file --fix --fix-file --swap-at
	--cycles --kernel --assume --generate --seed --save-pair --out-dir --jobs --shard --merge
	--worst --json --csv --wide --help"
_gmcsim_opts_fix="--json --help"
_gmcsim_opts_scan="--against --kernel --json --write-blocks --vocabulary --all --jobs --timeout
	--spatch --help"
_gmcsim_opts_layout="--asic --gc --example --reg --vram-size --visible-size --gart-size-mb
	--agp --vramlimit-mb --vis-vramlimit-mb --smu-prv-buffer-size --sriov --connected-to-cpu
	--bo-offset --json --svg --map --batch --help"
_gmcsim_opts_asics="--json --help"
_gmcsim_opts_profile="--json --wide --help"
_gmcsim_opts_profile_import="--umr-log --sysfs --gc --ip-base --sriov --vram-size --name
	--allow-missing --output --help"
_gmcsim_opts_probe="--json --capture --output --read-registers --name --gc --vram-size
	--help"

_gmcsim_fixes="none rfc rfc-all p2-pinfix upstream all"
_gmcsim_regs="fb_location_base= fb_location_top= fb_offset= xgmi_lfb_cntl= xgmi_lfb_size="

# The first column of a gmcsim table (header and wrapped lines left out).
_gmcsim_first_column()
{
	"$@" 2>/dev/null | awk 'NR > 1 && /^[^ ]/ { print $1 }'
}

# Part names, their aliases (unambiguous ones) and GC versions.
_gmcsim_parts()
{
	"$1" asics 2>/dev/null | awk 'NR > 1 && /^[a-z]/ {
		print $1; print $2
		for (i = 6; i <= NF; i++) { a = $i; sub(/,$/, "", a); if (a !~ /[?]$/ && a != "-") print a }
	}'
}

_gmcsim_blocks()
{
	"$1" check --sites 2>/dev/null | awk -F/ 'NR > 2 && /^[a-z0-9_]+\// { print $1 }' | sort -u
}

_gmcsim_examples()
{
	"$1" layout --help 2>/dev/null | awk '/^  [a-z0-9-]+ +Example/ { print $1 }'
}

# Complete the last item of a comma list in $cur from the words in $1.
_gmcsim_comma_list()
{
	local head="" last=$cur
	if [[ $cur == *,* ]]; then
		head=${cur%,*},
		last=${cur##*,}
	fi
	COMPREPLY=($(compgen -P "$head" -W "$1" -- "$last"))
	compopt -o nospace 2>/dev/null
}

_gmcsim()
{
	local cur prev words cword
	_init_completion -n := || return

	local prog=${words[0]} cmd="" verb="" i
	for ((i = 1; i < cword; i++)); do
		if [[ ${words[i]} != -* ]]; then
			if [[ -z $cmd ]]; then
				cmd=${words[i]}
			elif [[ ($cmd == profile || $cmd == fix) && -z $verb ]]; then
				verb=${words[i]}
			fi
		fi
	done

	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$_gmcsim_commands --help --version" -- "$cur"))
		return
	fi

	# values of the option before the cursor
	case $prev in
	--pair)
		COMPREPLY=($(compgen -W "$(_gmcsim_first_column "$prog" profile pairs)" -- "$cur"))
		return
		;;
	--from | --to)
		COMPREPLY=($(compgen -W "$(_gmcsim_first_column "$prog" profile list)" -- "$cur"))
		_filedir json
		return
		;;
	--fix)
		_gmcsim_comma_list "$_gmcsim_fixes"
		return
		;;
	--blocks)
		_gmcsim_comma_list "all $(_gmcsim_blocks "$prog")"
		return
		;;
	--swap-at)
		_gmcsim_comma_list "before-suspend after-suspend after-resume
			$(_gmcsim_blocks "$prog" | sed 's/^/after-suspend:/; p; s/^after-suspend:/resume:/')"
		return
		;;
	--kernel)
		COMPREPLY=($(compgen -W "6.12 6.17 6.18" -- "$cur"))
		return
		;;
	--generate)
		COMPREPLY=($(compgen -W "node-pairs fb-offsets random:" -- "$cur"))
		[[ ${COMPREPLY[0]} == random: ]] && compopt -o nospace 2>/dev/null
		return
		;;
	--out-dir)
		_filedir -d
		return
		;;
	--fail-on)
		COMPREPLY=($(compgen -W "info warning error critical" -- "$cur"))
		return
		;;
	--assume)
		_gmcsim_comma_list "host-restores-msix none"
		return
		;;
	--asic | --gc)
		COMPREPLY=($(compgen -W "$(_gmcsim_parts "$prog")" -- "$cur"))
		return
		;;
	--example)
		COMPREPLY=($(compgen -W "$(_gmcsim_examples "$prog")" -- "$cur"))
		return
		;;
	--reg)
		COMPREPLY=($(compgen -W "$_gmcsim_regs" -- "$cur"))
		compopt -o nospace 2>/dev/null
		return
		;;
	--explain)
		COMPREPLY=($("$prog" check --sites 2>/dev/null |
			awk 'NR > 2 && /^[a-z0-9_]+\// { print $1 }' | grep -- "^$cur"))
		return
		;;
	--block-file | --fix-file | --scenario | --umr-log | --output)
		_filedir
		return
		;;
	--batch)
		_filedir '@(json|jsonl)'
		return
		;;
	--svg)
		_filedir svg
		return
		;;
	--sysfs | --write-blocks)
		_filedir -d
		return
		;;
	--against)
		COMPREPLY=($(compgen -W "builtin none" -- "$cur"))
		_filedir json
		return
		;;
	--vocabulary)
		COMPREPLY=($(compgen -W "v1 v2" -- "$cur"))
		return
		;;
	--spatch)
		_filedir
		return
		;;
	--cycles | --jobs | --shard | --vram-size | --visible-size | --gart-size-mb | --agp | \
		--vramlimit-mb | --vis-vramlimit-mb | --smu-prv-buffer-size | --bo-offset | \
		--name | --capture | --ip-base | --seed | --worst | --save-pair | --timeout)
		return
		;;
	esac

	local opts
	case $cmd in
	check) opts=$_gmcsim_opts_check ;;
	sweep) opts=$_gmcsim_opts_sweep ;;
	fix)
		case $verb in
		"")
			COMPREPLY=($(compgen -W "list show --help" -- "$cur"))
			return
			;;
		show)
			opts=$_gmcsim_opts_fix
			if [[ $cur != -* ]]; then
				COMPREPLY=($(compgen -W "${_gmcsim_fixes% all}" -- "$cur"))
				_filedir json
				return
			fi
			;;
		*) opts=$_gmcsim_opts_fix ;;
		esac
		;;
	layout) opts=$_gmcsim_opts_layout ;;
	asics) opts=$_gmcsim_opts_asics ;;
	probe) opts=$_gmcsim_opts_probe ;;
	scan)
		opts=$_gmcsim_opts_scan
		if [[ $cur != -* ]]; then
			_filedir -d
			return
		fi
		;;
	help)
		COMPREPLY=($(compgen -W "${_gmcsim_commands% help}" -- "$cur"))
		return
		;;
	profile)
		case $verb in
		"")
			COMPREPLY=($(compgen -W "list show pairs import --help" -- "$cur"))
			return
			;;
		import) opts=$_gmcsim_opts_profile_import ;;
		show)
			opts=$_gmcsim_opts_profile
			if [[ $cur != -* ]]; then
				COMPREPLY=($(compgen -W "$(_gmcsim_first_column "$prog" profile list)" \
					-- "$cur"))
				_filedir json
				return
			fi
			;;
		*) opts=$_gmcsim_opts_profile ;;
		esac
		;;
	*) return ;;
	esac
	COMPREPLY=($(compgen -W "$opts" -- "$cur"))
} &&
	complete -F _gmcsim gmcsim

# ex: filetype=sh
