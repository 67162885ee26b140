use std::path::Path;
#[test]
#[ignore]
fn dump() {
    let file = std::env::var("SPEC").unwrap();
    let docs = match openapi_forge::load::load(Path::new(&file)) {
        Ok(d) => d,
        Err(e) => {
            println!("{e}");
            return;
        }
    };
    match openapi_forge::resolve::resolve(&docs) {
        Ok(r) => {
            for t in &r.api.types {
                match &t.kind {
                    openapi_forge::model::TypeKind::Struct(s) => println!(
                        "TYPE {} struct {:?} add={:?}",
                        t.name,
                        s.fields
                            .iter()
                            .map(|f| format!(
                                "{}/{}:{:?} req={} null={}",
                                f.name, f.wire_name, f.ty, f.required, f.nullable
                            ))
                            .collect::<Vec<_>>(),
                        s.additional
                    ),
                    k => println!("TYPE {} {:?}", t.name, k),
                }
            }
            for o in &r.api.operations {
                println!(
                    "OP {} {} {} {} {} {:?} params={:?} body={:?} resp={:?} sec={:?}",
                    o.fn_name,
                    o.type_stem,
                    o.success_type,
                    o.error_type,
                    o.request_type,
                    o.segments,
                    o.params
                        .iter()
                        .map(|p| (&p.name, &p.ty, p.style, p.explode))
                        .collect::<Vec<_>>(),
                    o.body,
                    o.responses
                        .iter()
                        .map(|r| (&r.variant, r.success, &r.body, &r.headers))
                        .collect::<Vec<_>>(),
                    o.security
                );
            }
            println!("ERRFMT {:?}", r.api.error_format);
            for w in &r.warnings {
                println!("{w}");
            }
        }
        Err(e) => println!("{e}"),
    }
}
