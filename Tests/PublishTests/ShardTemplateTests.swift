import Foundation
import TestSupport
import Testing

/// The sharded templates: the Kubernetes Indexed Job and merge Job are valid Kubernetes objects
/// (`kubernetes-validate --strict`, offline), the GitHub matrix and GitLab `parallel:` templates
/// are valid against check-jsonschema's built-in schemas, and each template's shard count is
/// stated consistently everywhere it appears (a mismatch would leave shards unmerged).
@Suite struct ShardTemplateTests {
    static let kubernetes = ["ci-templates/kubernetes/lens-gate-shards-job.yaml", "ci-templates/kubernetes/lens-gate-merge-job.yaml"]
    static let github = "ci-templates/github/lens-gate-sharded.yml"
    static let gitlab = "ci-templates/gitlab/lens-gate-sharded.gitlab-ci.yml"

    static func path(_ relative: String) -> String { Repository.root.appendingPathComponent(relative).path }

    /// Whether kubernetes-validate (PyPI) is on PATH; without it the manifests are not validated (skipped, said).
    static let kubernetesValidateInstalled = (try? ExternalTool.run("kubernetes-validate", ["--version"]).status) == 0

    @Test(
        .enabled(
            if: kubernetesValidateInstalled,
            "kubernetes-validate is not installed (pip install kubernetes-validate)"))
    func kubernetesManifestsValidate() throws {
        let outcome = try ExternalTool.run("kubernetes-validate", ["--strict", "--quiet"] + Self.kubernetes.map(Self.path))
        #expect(outcome.status == 0, "\(outcome.all)")
    }

    @Test func githubAndGitLabTemplatesValidate() throws {
        let github = try ExternalTool.run("check-jsonschema", ["--builtin-schema", "vendor.github-workflows", Self.path(Self.github)])
        #expect(github.status == 0, "\(github.all)")
        let gitlab = try ExternalTool.run(
            "check-jsonschema", ["--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci", Self.path(Self.gitlab)])
        #expect(gitlab.status == 0, "\(gitlab.all)")
    }

    /// One N everywhere: the Indexed Job's completions, parallelism and LENS_GATE_SHARD_TOTAL and
    /// the merge Job's shard files 0…N−1; the GitHub matrix list 1…N and SHARDS; GitLab's shards
    /// read CI_NODE_INDEX through --shard auto. No GitHub `run:` or GitLab script holds an expression.
    @Test func shardCountsAgreeAndScriptsHoldNoExpressions() throws {
        let script = """
            import sys
            from ruamel.yaml import YAML  # check-jsonschema's own YAML library, so always present with it
            yaml = YAML(typ='safe')
            shards_path, merge_path, github_path, gitlab_path = sys.argv[1:5]
            problems = []
            job = [d for d in yaml.load_all(open(shards_path)) if d['kind'] == 'Job'][0]
            spec = job['spec']
            container = spec['template']['spec']['containers'][0]
            total = {e['name']: e.get('value') for e in container['env']}['LENS_GATE_SHARD_TOTAL']
            n = spec['completions']
            if spec.get('completionMode') != 'Indexed': problems.append('the shard Job is not Indexed')
            if spec['parallelism'] != n or int(total) != n: problems.append(f'completions {n}, parallelism {spec["parallelism"]}, LENS_GATE_SHARD_TOTAL {total}')
            if container['args'][:3] != ['run', '--shard', 'auto']: problems.append('the shard Job does not run --shard auto')
            merge = yaml.load(open(merge_path))
            files = [a for a in merge['spec']['template']['spec']['initContainers'][0]['args'] if a.startswith('/shards/shard-')]
            if files != [f'/shards/shard-{i}.json' for i in range(n)]: problems.append(f'merge Job lists {files} for {n} shards')
            github = yaml.load(open(github_path))
            matrix = github['jobs']['shard']['strategy']['matrix']['shard']
            if matrix != list(range(1, int(github['env']['SHARDS']) + 1)): problems.append(f'matrix {matrix} for SHARDS {github["env"]["SHARDS"]}')
            for job_name, body in github['jobs'].items():
                for step in body['steps']:
                    if '${{' in step.get('run', ''): problems.append(f'{job_name}: a run: holds an expression')
            gitlab = yaml.load(open(gitlab_path))
            if not isinstance(gitlab['lens-gate-shard'].get('parallel'), int): problems.append('lens-gate-shard has no parallel: N')
            if not any('--shard auto' in line for line in gitlab['lens-gate-shard']['script']): problems.append('GitLab shards do not run --shard auto')
            for name, body in gitlab.items():
                if isinstance(body, dict):
                    for key in ('script', 'before_script'):
                        for line in body.get(key, []):
                            if '$[[' in line or '${{' in line: problems.append(f'{name}.{key} holds an expression')
            print('\\n'.join(problems))
            sys.exit(1 if problems else 0)
            """
        let files = Self.kubernetes + [Self.github, Self.gitlab]
        let outcome = try ExternalTool.run("python3", ["-c", script] + files.map(Self.path))
        #expect(outcome.status == 0, "\(outcome.all)")
    }

    /// The templates' own shard and merge scripts, run as the CI would run them (bash, errexit)
    /// with the real binary over two shards of an embedded-simulator config: each writes its
    /// shard, and the merge step makes one complete results file of both.
    @Test func shardAndMergeScriptsRunAsWritten() throws {
        let directory = Scratch.directory()
        let config = """
            targets:
              sim: {provider: simulator, model: sim-test, simulator: {ttft_ms: 5, itl_ms: 1, tokens: 4}}
            workloads:
              chat: {synthetic: {input_tokens: 16, output_tokens: 4}, max_tokens: 4}
            scenarios:
              - {name: chat, target: sim, workload: chat, load: {concurrency: 2, requests: 20}}
            """
        try config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let extract = """
            import sys
            from ruamel.yaml import YAML
            yaml = YAML(typ='safe')
            github, gitlab, out = yaml.load(open(sys.argv[1])), yaml.load(open(sys.argv[2])), sys.argv[3]
            open(out + '/gitlab-shard.sh', 'w').write('\\n'.join(gitlab['lens-gate-shard']['script']) + '\\n')
            open(out + '/gitlab-merge.sh', 'w').write(gitlab['lens-gate-merge']['script'][0] + '\\n')
            steps = {s['name']: s.get('run') for job in github['jobs'].values() for s in job['steps'] if 'name' in s}
            open(out + '/github-shard.sh', 'w').write(steps['Benchmark this shard'])
            merge = steps['Merge the shards and gate'].split('\\n')
            open(out + '/github-merge.sh', 'w').write('\\n'.join(line for line in merge if 'check' not in line and '--junit' not in line) + '\\n')
            """
        let extracted = try ExternalTool.run("python3", ["-c", extract, Self.path(Self.github), Self.path(Self.gitlab), directory.path])
        #expect(extracted.status == 0, "\(extracted.all)")
        let base = [
            "LENS_GATE": LensGateBinary.url.path, "LENS_GATE_CONFIG": "", "NO_COLOR": "1",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        let bash = URL(fileURLWithPath: "/bin/bash")
        for node in 1...2 {
            let gitlab = try ChildProcess.run(
                bash, ["-e", "gitlab-shard.sh"], environment: base.merging(["CI_NODE_INDEX": "\(node)", "CI_NODE_TOTAL": "2"]) { $1 },
                directory: directory)
            #expect(gitlab.status == 0, "\(gitlab.all)")
            let github = try ChildProcess.run(
                bash, ["--noprofile", "--norc", "-eo", "pipefail", "github-shard.sh"],
                environment: base.merging(["SHARD": "\(node)", "SHARDS": "2"]) { $1 }, directory: directory)
            #expect(github.status == 0, "\(github.all)")
        }
        let gitlabMerge = try ChildProcess.run(bash, ["-e", "gitlab-merge.sh"], environment: base, directory: directory)
        #expect(gitlabMerge.status == 0, "\(gitlabMerge.all)")
        let githubMerge = try ChildProcess.run(bash, ["-eo", "pipefail", "github-merge.sh"], environment: base, directory: directory)
        #expect(githubMerge.status == 0, "\(githubMerge.all)")
        for merged in ["results.json", "lens-gate/results.json"] {
            let text = try String(contentsOf: directory.appendingPathComponent(merged), encoding: .utf8)
            #expect(text.contains(#""count":2"#) || text.contains(#""count": 2"#), "\(merged): \(text.prefix(600))")
            #expect(text.contains(#""complete":true"#) || text.contains(#""complete": true"#))
            #expect(text.contains(#""requests":20"#) || text.contains(#""requests": 20"#))
        }
    }
}
