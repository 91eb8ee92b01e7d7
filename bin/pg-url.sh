# shellcheck shell=bash
# Helpers for bin/backup-db and bin/restore-db: DATABASE_URL as settings.py reads it
# (django-environ), turned into a connection URI that libpq (pg_dump, psql) accepts.

# libpq_url URL: postgresql://... with only the query parameters libpq knows (sslmode, ...).
libpq_url() {
    local url=$1
    if [[ -z $url ]]; then
        echo "error: DATABASE_URL is not set (postgres://user:password@host:5432/name)" >&2
        return 1
    fi
    if [[ ! $url =~ ^(postgres|postgresql|pgsql|psql|postgis)://(.*)$ ]]; then
        echo "error: DATABASE_URL is not a PostgreSQL URL (${url%%://*}://...)." \
            "On SQLite, stop the site and copy the database file instead." >&2
        return 1
    fi
    local rest=${BASH_REMATCH[2]} query="" kept=() param
    if [[ $rest == *\?* ]]; then
        query=${rest#*\?}
        rest=${rest%%\?*}
    fi
    local IFS='&'
    for param in $query; do
        case ${param%%=*} in
        sslmode | sslrootcert | sslcert | sslkey | connect_timeout | application_name | options | target_session_attrs)
            kept+=("$param")
            ;;
        esac
    done
    if ((${#kept[@]})); then
        printf 'postgresql://%s?%s\n' "$rest" "${kept[*]}"
    else
        printf 'postgresql://%s\n' "$rest"
    fi
}

# url_database URL: the database name (the path), decoded from %xx.
url_database() {
    local path=${1#*://}
    path=${path%%\?*}
    [[ $path == */* ]] || {
        echo "error: the URL names no database" >&2
        return 1
    }
    path=${path#*/}
    printf '%b\n' "${path//%/\\x}"
}

# url_host URL: host:port, without the password, for messages.
url_host() {
    local rest=${1#*://}
    rest=${rest%%/*}
    printf '%s\n' "${rest##*@}"
}

# url_with_database URL NAME: the same server and credentials, another database.
url_with_database() {
    local url=$1 name=$2 query=""
    [[ $url == *\?* ]] && query="?${url#*\?}"
    local base=${url%%\?*}
    local scheme=${base%%://*} rest=${base#*://}
    printf '%s://%s/%s%s\n' "$scheme" "${rest%%/*}" "$name" "$query"
}
